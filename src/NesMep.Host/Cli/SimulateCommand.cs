using System.CommandLine;
using System.Net;
using NesMep.Core.Protocol;
using NesMep.Host.Service;
using NesMep.Host.Transports;
using NesMep.Simulator;

namespace NesMep.Host.Cli;

/// <summary>
/// nesmep simulate: serves the built-in simulated meter on a TCP port (ser2net style), on a
/// pseudo-terminal, or on a real serial port (so a module's hardware can be tested through a
/// USB-serial cable), as if it were a real meter.
/// Runs until Ctrl-C or SIGTERM. The key is never printed.
/// </summary>
internal static class SimulateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var tcp = new Option<string?>("--tcp") { Description = "serve the meter on ADDRESS:PORT, e.g. 127.0.0.1:3001 (port 0 picks a free one)" };
        var pty = new Option<bool>("--pty") { Description = "serve the meter on a new pseudo-terminal and print its /dev/pts path" };
        var serial = new Option<string?>("--serial") { Description = "serve the meter on a real serial port, e.g. /dev/ttyUSB0 (a module under test on the other end)" };
        var baud = new Option<int?>("--baud") { Description = "serial speed for --serial (default 9600; replies are paced as at 9600)" };
        var key = new Option<string?>("--key") { Description = "MEP Basic Key (MBK) the meter accepts (default: the built-in demo key)" };
        var profile = new Option<string?>("--profile") { Description = "meter layout: gen3, gen3-demand, gen4 (default gen3)" };
        var faults = new Option<string?>("--faults") { Description = "injected line faults: none, realistic (default none)" };
        var solar = new Option<bool>("--solar") { Description = "household has solar panels that export at midday (default)" };
        var noSolar = new Option<bool>("--no-solar") { Description = "household without solar panels" };
        var command = new Command("simulate", "Serve the simulated meter on TCP or a pseudo-terminal for another MEP client")
        {
            tcp, pty, serial, baud, key, profile, faults, solar, noSolar,
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

            int serialBaud = result.GetValue(baud) ?? 9600;
            if (serialPath == null && result.GetValue(baud) != null)
            {
                throw new CliError("--baud goes with --serial");
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
            return Serve(address, port, serialPath, serialBaud, profileName, faultName, withSolar, mbk, stdout, stderr);
        });
        return command;
    }

    private static int Serve(IPAddress? address, int port, string? serialPath, int baud, string profile, string faults, bool solar, MepKey mbk,
        TextWriter stdout, TextWriter stderr)
    {
        using var stop = new StopSignal();
        MeterSimulator meter = SimulatorFactory.Create(SystemClock.Instance, profile, solar, faults, mbk);
        IDisposable server;
        NesMep.Core.Platform.IByteTransport transport;
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

        using (server)
        using (var pump = new SimulatorPump(meter, transport))
        {
            pump.Start();
            stdout.WriteLine(where);
            stdout.WriteLine("profile " + meter.Profile + ", faults " + faults + (solar ? ", solar" : ", no solar") +
                "; the meter accepts the " + (mbk.SameBytes(MepKey.Parse(HostConfig.SimulatorDemoKey)) ? "demo key" : "given key") +
                "   (Ctrl-C stops it)");
            stdout.Flush();
            stop.Token.WaitHandle.WaitOne();
            pump.Stop();
            stdout.WriteLine("stopped: " + meter.Stats.RequestsProcessed + " requests processed, faults injected: " + meter.Faults.Counters.Total);
            stdout.Flush();
        }

        return NesMepCli.ExitOk;
    }
}
