using System.CommandLine;
using System.Net;
using NesMep.Core.Optical;
using NesMep.Core.Protocol;
using NesMep.Host.Service;
using NesMep.Host.Transports;
using NesMep.Simulator;
using NesMep.Simulator.Optical;

namespace NesMep.Host.Cli;

/// <summary>
/// nesmep simulate: serves the built-in simulated meter on a TCP port (ser2net style), on a
/// pseudo-terminal, or on a real serial port (so a module's hardware can be tested through a
/// USB-serial cable), as if it were a real meter. On a serial port a modem input can carry the
/// module's MEP ENABLE (<c>--enable-line</c>); everywhere a transceiver lock-up also clears after
/// the power-cycle time of silence from the client (FaultOptions.LockUpClearsAfterIdleMs).
/// With <c>--optical</c> it serves the meter's optical port (ANSI C12.18, docs/optical.md) instead of MEP,
/// for C12.18 clients such as an IR-head reader. Runs until Ctrl-C or SIGTERM. Keys are never printed.
/// </summary>
internal static class SimulateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var tcp = new Option<string?>("--tcp") { Description = "serve the meter on ADDRESS:PORT, e.g. 127.0.0.1:3001 (port 0 picks a free one)" };
        var pty = new Option<bool>("--pty") { Description = "serve the meter on a new pseudo-terminal and print its /dev/pts path" };
        var serial = new Option<string?>("--serial") { Description = "serve the meter on a real serial port, e.g. /dev/ttyUSB0 (a module under test on the other end)" };
        var baud = new Option<int?>("--baud") { Description = "serial speed for --serial (default 9600; replies are paced as at 9600)" };
        var enableLine = new Option<string?>("--enable-line")
        {
            Description = "with --serial: modem input that carries the module's MEP ENABLE: cts, dsr, dcd or none (default none). " +
                "Wiring to an RS-232 adapter's DB9: module ENABLE (Dabbler J6-3) to CTS (pin 8), DSR (pin 6) or DCD (pin 1); " +
                "module TXD (J6-5) to RXD (pin 2); TXD (pin 3) to module RXD (J6-2); GND (J6-1) to pin 5. " +
                "Asserted (positive RS-232 level) = ENABLE on; off or unwired = the meter hears and sends nothing, " +
                "and switching it off clears a lock-up (docs/protocol.md)",
        };
        var key = new Option<string?>("--key") { Description = "MEP Basic Key (MBK) the meter accepts (default: the built-in demo key)" };
        var profile = new Option<string?>("--profile") { Description = "meter layout: gen3, gen3-demand, gen4 (default gen3)" };
        var faults = new Option<string?>("--faults") { Description = "injected line faults: none, realistic (default none)" };
        var solar = new Option<bool>("--solar") { Description = "household has solar panels that export at midday (default)" };
        var noSolar = new Option<bool>("--no-solar") { Description = "household without solar panels" };
        var stateDir = new Option<string?>("--state-dir") { Description = "keep the energy registers in DIR so they continue across restarts (default: start at the profile's values)" };
        var optical = new Option<bool>("--optical")
        {
            Description = "serve the meter's optical port (ANSI C12.18: Identify, Negotiate, Logon, Security, reads) instead of MEP; " +
                "on gen3 profiles the optical session also silences MEP, as on the real meter (docs/optical.md)",
        };
        var opticalKey = new Option<string?>("--optical-key")
        {
            Description = "with --optical: the meter's optical key (its MK), 20 characters or 40 hex digits (default: the simulator's demo optical key)",
        };
        var command = new Command("simulate",
            "Serve the simulated meter on TCP, a pseudo-terminal or a serial port for another MEP client. An injected " +
            "transceiver lock-up clears when ENABLE (--enable-line) is switched off, or when the client has sent nothing " +
            "for the power-cycle time (" + new FaultOptions().LockUpClearsAfterIdleMs + " ms), which is how a client's power cycle shows where ENABLE is not wired")
        {
            tcp, pty, serial, baud, enableLine, key, profile, faults, solar, noSolar, stateDir, optical, opticalKey,
        };
        command.SetAction(result =>
        {
            string? endpoint = result.GetValue(tcp);
            bool usePty = result.GetValue(pty);
            string? serialPath = result.GetValue(serial);
            int targets = (endpoint != null ? 1 : 0) + (usePty ? 1 : 0) + (serialPath != null ? 1 : 0);
            if (targets != 1)
            {
                throw new CliError("simulate: give exactly one of --tcp ADDRESS:PORT, --pty or --serial DEVICE");
            }

            bool useOptical = result.GetValue(optical);
            byte[]? opticalMk = null;
            if (result.GetValue(opticalKey) is { } opticalText)
            {
                if (!useOptical)
                {
                    throw new CliError("--optical-key goes with --optical");
                }

                opticalMk = OpticalKey.TryParse(opticalText, out string? keyError) ?? throw new CliError("--optical-key: " + keyError);
            }

            if (useOptical && result.GetValue(enableLine) != null)
            {
                throw new CliError("--enable-line is a MEP wire; the optical port has none");
            }

            int serialBaud = result.GetValue(baud) ?? 9600;
            if (serialPath == null && result.GetValue(baud) != null)
            {
                throw new CliError("--baud goes with --serial");
            }

            EnableInputLine enable = EnableInputLine.None;
            if (result.GetValue(enableLine) is { } lineName)
            {
                if (serialPath == null)
                {
                    throw new CliError("--enable-line goes with --serial");
                }

                try
                {
                    enable = ModemLineEnableSense.Parse(lineName);
                }
                catch (ArgumentException)
                {
                    throw new CliError("--enable-line: use cts, dsr, dcd or none");
                }
            }

            if (!TermiosSerialPort.SupportedBaudRates.Contains(serialBaud))
            {
                throw new CliError("--baud: " + serialBaud + " is not supported; use one of " + string.Join(", ", TermiosSerialPort.SupportedBaudRates));
            }

            IPAddress? address = null;
            int port = 0;
            if (endpoint != null)
            {
                if (!HostConfig.TryParseHostPort(endpoint, out string host, out port))
                {
                    throw new CliError("--tcp: use ADDRESS:PORT, e.g. 127.0.0.1:3001 or 0.0.0.0:3001");
                }

                address = host == "localhost" ? IPAddress.Loopback : IPAddress.TryParse(host, out IPAddress? ip) ? ip : null;
                if (address == null)
                {
                    throw new CliError("--tcp: '" + host + "' is not an IP address (use e.g. 127.0.0.1 or 0.0.0.0)");
                }
            }

            string keyText = result.GetValue(key) ?? HostConfig.SimulatorDemoKey;
            MepKey mbk = CliInput.Key(keyText);
            string profileName = result.GetValue(profile) ?? "gen3";
            if (profileName is not ("gen3" or "gen3-demand" or "gen4"))
            {
                throw new CliError("--profile: use gen3, gen3-demand or gen4");
            }

            string faultName = result.GetValue(faults) ?? "none";
            if (faultName is not ("none" or "realistic"))
            {
                throw new CliError("--faults: use none or realistic");
            }

            if (result.GetValue(solar) && result.GetValue(noSolar))
            {
                throw new CliError("--solar and --no-solar cannot be used together");
            }

            bool withSolar = !result.GetValue(noSolar);
            string? state = result.GetValue(stateDir) is { } dir ? Path.GetFullPath(dir) : null;
            OpticalOptions? opticalOptions = null;
            if (useOptical)
            {
                opticalOptions = new OpticalOptions { Mk = opticalMk ?? OpticalOptions.DemoKey() };
                if (faultName == "realistic")
                {
                    opticalOptions.Faults.ApplyRealistic();
                }
            }

            return Serve(address, port, serialPath, serialBaud, enable, profileName, faultName, withSolar, mbk, state, opticalOptions, stdout, stderr);
        });
        return command;
    }

    private static int Serve(IPAddress? address, int port, string? serialPath, int baud, EnableInputLine enable, string profile, string faults,
        bool solar, MepKey mbk, string? stateDir, OpticalOptions? optical, TextWriter stdout, TextWriter stderr)
    {
        using var stop = new StopSignal();
        MeterSimulator meter;
        try
        {
            meter = SimulatorFactory.Create(SystemClock.Instance, profile, solar, faults, mbk, stateDir,
                new ConsoleLog(stderr, NesMep.Core.Platform.LogLevel.Warning));
        }
        catch (IOException e)
        {
            stderr.WriteLine("nesmep: cannot start: " + e.Message);
            return NesMepCli.ExitStartFailed;
        }

        IDisposable server;
        NesMep.Core.Platform.IByteTransport transport;
        IEnableLineSense? enableSense = null;
        string where;
        try
        {
            if (address != null)
            {
                var tcpServer = new TcpByteServer(address, port);
                server = tcpServer;
                transport = tcpServer;
                string host = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "[" + address + "]" : address.ToString();
                where = "simulated meter listening on tcp://" + host + ":" + tcpServer.Port;
            }
            else if (serialPath != null)
            {
                var serialPort = new TermiosSerialPort(serialPath, baud);
                server = serialPort;
                transport = serialPort;
                where = "simulated meter on " + serialPath + " @" + baud;
                if (enable != EnableInputLine.None)
                {
                    enableSense = new ModemLineEnableSense(serialPort, enable, m => stderr.WriteLine("nesmep: " + m));
                    where += ", ENABLE on " + enable.ToString().ToUpperInvariant();
                }
            }
            else
            {
                var terminal = new PseudoTerminal();
                server = terminal;
                transport = terminal.Master;
                where = "simulated meter on " + terminal.SlavePath;
            }
        }
        catch (IOException e)
        {
            stderr.WriteLine("nesmep: cannot start: " + e.Message);
            return NesMepCli.ExitStartFailed;
        }

        OpticalPort? opticalPort = optical == null ? null : new OpticalPort(meter, optical);
        using (server)
        using (var pump = opticalPort != null ? new SimulatorPump(opticalPort, transport) : new SimulatorPump(meter, transport, enableLine: enableSense))
        {
            pump.Start();
            stdout.WriteLine(opticalPort != null ? where.Replace("simulated meter", "simulated meter optical port (C12.18)") : where);
            string accepts = opticalPort != null
                ? "the optical port accepts the " + (optical!.Mk.AsSpan().SequenceEqual(OpticalOptions.DemoKey()) ? "demo optical key" : "given optical key") +
                  (opticalPort.SharesUart ? "; MEP is silent during an optical session (shared UART)" : "")
                : "the meter accepts the " + (mbk.SameBytes(MepKey.Parse(HostConfig.SimulatorDemoKey)) ? "demo key" : "given key");
            stdout.WriteLine("profile " + meter.Profile + ", faults " + faults + (solar ? ", solar" : ", no solar") + "; " + accepts +
                "   (Ctrl-C stops it)");
            stdout.Flush();
            stop.Token.WaitHandle.WaitOne();
            pump.Stop();
            meter.SaveRegisters();
            FaultCounters f = meter.Faults.Counters;
            if (opticalPort != null)
            {
                f = opticalPort.Faults.Counters;
                stdout.WriteLine("optical: " + opticalPort.Stats.Sessions + " sessions, " + opticalPort.Stats.RequestsProcessed + " requests");
            }

            stdout.WriteLine("stopped: " + meter.Stats.RequestsProcessed + " requests processed, faults injected: " + f.Total +
                (f.LockUps > 0 ? " (lock-ups " + f.LockUps + ", " + f.LockUpsClearedByIdle + " cleared by silence)" : ""));
            stdout.Flush();
        }

        return NesMepCli.ExitOk;
    }
}
