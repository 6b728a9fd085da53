using System.CommandLine;
using NesMep.Core.Platform;
using NesMep.Host.Service;

namespace NesMep.Host.Cli;

/// <summary>
/// nesmep run: the service. Without a meter option it reads its built-in simulated meter, so the
/// whole product runs on any Linux machine. Ctrl-C or SIGTERM shut it down cleanly.
/// </summary>
internal static class RunCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var config = new Option<string?>("--config") { Description = "JSON settings file (see README)" };
        var serial = new Option<string?>("--serial") { Description = "read a real meter on this serial device, e.g. /dev/ttyUSB0" };
        var baud = new Option<int?>("--baud") { Description = "serial speed (default 9600)" };
        var tcp = new Option<string?>("--tcp") { Description = "read a real meter through a serial server at HOST:PORT" };
        var optical = new Option<string?>("--optical") { Description = "read a real meter's optical port (ANSI C12.18) through an IR head on this serial device, e.g. /dev/ttyUSB0 (9600 8N1; key from optical.key or NESMEP_OPTICAL_KEY)" };
        var key = new Option<string?>("--key") { Description = "MEP key (MBK); prefer the config file or NESMEP_KEY so it stays out of the process list" };
        var http = new Option<string?>("--http") { Description = "HTTP listen ADDRESS:PORT (default 127.0.0.1:8080)" };
        var resetLine = new Option<string?>("--reset-line") { Description = "modem line pulsed to reset the transceiver: dtr, rts, both, none" };
        var profile = new Option<string?>("--profile") { Description = "simulated meter: gen3, gen3-demand, gen4" };
        var faults = new Option<string?>("--faults") { Description = "simulated faults: none, realistic" };
        var logLevel = new Option<string?>("--log-level") { Description = "debug, info, warning, error" };
        var mqtt = new Option<string?>("--mqtt") { Description = "publish to an MQTT broker: mqtt://[user:password@]host[:port] or mqtts://... (overrides the config file's mqtt host, port, tls, user, password)" };
        var stateDir = new Option<string?>("--state-dir") { Description = "where the service keeps its state: the simulated meter's energy registers, and the settings the web UI saves when no --config is given (default $XDG_CONFIG_HOME/nesmep or ~/.config/nesmep)" };
        var command = new Command("run", "Run the module: read the meter and serve HTTP (default command)")
        {
            config, serial, baud, tcp, optical, key, http, resetLine, profile, faults, logLevel, mqtt, stateDir,
        };
        command.SetAction(result =>
        {
            var c = new HostConfig();
            string? file = result.GetValue(config);
            try
            {
                // The config file: --config, else <state dir>/nesmep.json when it exists; then the
                // web UI's saved settings next to it (nesmep.settings), so they survive a restart.
                string state = result.GetValue(stateDir) ?? NesMep.Host.Web.StateDirectory.Default();
                c.StateDir = Path.GetFullPath(state);
                string settingsFile = file ?? NesMep.Host.Web.StateDirectory.SettingsFile(state);
                HostConfigFile.LoadFiles(settingsFile, c, required: file != null);
            }
            catch (ConfigError e)
            {
                throw new CliError(e.Message);
            }

            string? envKey = Environment.GetEnvironmentVariable("NESMEP_KEY");
            if (!string.IsNullOrEmpty(envKey))
            {
                c.Key = envKey;
                c.KeyFromEnvironmentOrOption = true;
            }

            c.ApplyOpticalKeyEnvironment(Environment.GetEnvironmentVariable("NESMEP_OPTICAL_KEY"));

            if (result.GetValue(serial) is { } s)
            {
                c.Source = MeterSource.Serial;
                c.SerialPath = s;
            }

            if (result.GetValue(tcp) is { } t)
            {
                if (c.Source == MeterSource.Serial && result.GetValue(serial) != null)
                {
                    throw new CliError("--serial and --tcp cannot be used together");
                }

                c.Source = MeterSource.Tcp;
                c.TcpEndpoint = t;
            }

            if (result.GetValue(optical) is { } o)
            {
                if (result.GetValue(serial) != null || result.GetValue(tcp) != null)
                {
                    throw new CliError("--optical cannot be used together with --serial or --tcp");
                }

                c.UseOpticalPort(o);
            }

            if (result.GetValue(baud) is { } b)
            {
                c.SetSerialBaud(b);
            }

            if (result.GetValue(key) is { } optionKey)
            {
                c.Key = optionKey;
                c.KeyFromEnvironmentOrOption = true;
            }
            c.HttpListen = result.GetValue(http) ?? c.HttpListen;
            c.ResetLines = result.GetValue(resetLine) ?? c.ResetLines;
            c.SimulatorProfile = result.GetValue(profile) ?? c.SimulatorProfile;
            c.SimulatorFaults = result.GetValue(faults) ?? c.SimulatorFaults;
            if (result.GetValue(logLevel) is { } level)
            {
                if (!ConsoleLog.TryParseLevel(level, out LogLevel parsed))
                {
                    throw new CliError("--log-level: use debug, info, warning or error");
                }

                c.LogLevel = parsed;
            }

            if (result.GetValue(mqtt) is { } mqttUrl)
            {
                try
                {
                    NesMep.Host.Mqtt.MqttHostSetup.ApplyUrl(mqttUrl, c);
                    c.MqttEnabled = true;
                }
                catch (ArgumentException e)
                {
                    throw new CliError("--mqtt: " + e.Message);
                }
            }

            string? invalid = c.Validate();
            if (invalid != null)
            {
                throw new CliError(invalid);
            }

            return Serve(c, stdout, stderr);
        });
        return command;
    }

    private static int Serve(HostConfig config, TextWriter stdout, TextWriter stderr)
    {
        using var signal = new StopSignal();
        return Serve(config, stdout, stderr, signal.Token);
    }

    /// <summary>
    /// Starts the service and runs it until <paramref name="stop"/> (Ctrl-C, SIGTERM) or until it
    /// fails for good. A start that fails is one stderr line and exit code 3, never a stack trace.
    /// </summary>
    internal static int Serve(HostConfig config, TextWriter stdout, TextWriter stderr, CancellationToken stop)
    {
        var log = new ConsoleLog(stdout, config.LogLevel);
        foreach (string problem in config.LoadProblems)
        {
            log.Write(LogLevel.Warning, problem);
        }

        ModuleHost host;
        try
        {
            host = ModuleHost.StartAsync(config, log, stop).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            log.Write(LogLevel.Info, "stopped while starting");
            return NesMepCli.ExitOk;
        }
        catch (Exception e)
        {
            // Busy port, missing or forbidden device, serial server down, unwritable state dir, …
            stderr.WriteLine("nesmep: cannot start: " + OneLine(e.Message));
            return NesMepCli.ExitStartFailed;
        }

        string what = config.Source == MeterSource.Simulator ? "virtual module on its built-in simulated meter" : "module reading " + host.Runtime.Context.Info.Source;
        log.Write(LogLevel.Info, "NesMep " + ModuleHost.Version + ": " + what);
        stdout.WriteLine("NesMep is running: " + host.Url.TrimEnd('/') + "/   (Ctrl-C stops it)");
        stdout.Flush();
        try
        {
            WaitHandle.WaitAny([stop.WaitHandle, host.Failed.WaitHandle]);
        }
        finally
        {
            log.Write(LogLevel.Info, "shutting down");
            host.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        if (host.FailureReason is { } reason && !stop.IsCancellationRequested)
        {
            stderr.WriteLine("nesmep: stopped: " + OneLine(reason));
            return NesMepCli.ExitStartFailed;
        }

        return NesMepCli.ExitOk;
    }

    /// <summary>Some exception messages span lines (ArgumentOutOfRangeException); stderr gets one.</summary>
    internal static string OneLine(string message) => string.Join(" ", message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
