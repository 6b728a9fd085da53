using NesMep.Core.Api;
using NesMep.Core.Link;
using NesMep.Core.Model;
using NesMep.Core.Platform;
using NesMep.Core.Polling;
using NesMep.Host.Transports;
using NesMep.Simulator;

namespace NesMep.Host.Service;

/// <summary>
/// The meter side of the service: opens the transport (built-in simulator, serial port or TCP),
/// runs the core's link and poller on one thread, and exposes a <see cref="ModuleContext"/>
/// guarded by <see cref="Gate"/> for the HTTP side.
/// </summary>
public sealed class ModuleRuntime : IDisposable
{
    private readonly ILog _log;
    private readonly List<IDisposable> _owned = new();
    private readonly Thread _thread;
    private readonly IByteTransport _transport;
    private readonly ManualResetEventSlim _wake = new();
    private volatile bool _stop;
    private int _reconnectDelayMs = FirstReconnectDelayMs;
    private long _nextReconnectMs;

    public ModuleRuntime(HostConfig config, IClock clock, ILog log, ModuleInfo info)
    {
        _log = log;
        Clock = clock;
        ITransceiverControl? transceiver;
        switch (config.Source)
        {
            case MeterSource.Serial:
                var port = new TermiosSerialPort(config.SerialPath!, config.Baud);
                _owned.Add(port);
                _transport = port;
                transceiver = new ModemLineTransceiverControl(port, config.ResetLines, config.ResetPolarity, m => log.Write(LogLevel.Warning, m));
                info.Source = "serial " + config.SerialPath + " @" + config.Baud;
                break;
            case MeterSource.Tcp:
                HostConfig.TryParseHostPort(config.TcpEndpoint, out string host, out int tcpPort);
                var tcp = new TcpByteTransport(host, tcpPort);
                _owned.Add(tcp);
                _transport = tcp;
                transceiver = null; // a remote serial server has no line we can switch
                info.Source = "tcp " + config.TcpEndpoint;
                break;
            default:
                Simulator = SimulatorFactory.Create(clock, config.SimulatorProfile, config.SimulatorSolar, config.SimulatorFaults, config.ClientKey(),
                    config.StateDir, log);
                var line = new SimulatedLine(Simulator);
                _transport = line;
                transceiver = line;
                info.Source = "simulated meter (" + config.SimulatorProfile + (config.SimulatorSolar ? ", solar" : "") + ")";
                break;
        }

        var link = new MepLink(_transport, clock, transceiver, config.ClientKey(), config.Link, log);
        Reading = new MeterReading(config.Quality);
        Poller = new MeterPoller(link, clock, config.Poll, Reading, log);
        Context = new ModuleContext(info, clock, Poller);
        _thread = new Thread(Loop) { IsBackground = true, Name = "mep-poll" };
    }

    /// <summary>Lock to hold while reading anything in <see cref="Context"/>.</summary>
    public object Gate { get; } = new();

    public IClock Clock { get; }

    public ModuleContext Context { get; }

    public MeterPoller Poller { get; }

    public MeterReading Reading { get; }

    /// <summary>The built-in simulated meter, or null when reading a real one.</summary>
    public MeterSimulator? Simulator { get; }

    /// <summary>First wait before reconnecting to a serial server that dropped the connection.</summary>
    internal const int FirstReconnectDelayMs = 1000;

    /// <summary>Longest wait between reconnect attempts while the serial server stays away.</summary>
    internal const int MaxReconnectDelayMs = 30_000;

    /// <summary>True while the poll thread runs.</summary>
    internal bool IsPolling => _thread.IsAlive;

    public void Start() => _thread.Start();

    public void Dispose()
    {
        _stop = true;
        _wake.Set();
        // Longer than one TCP connect attempt (3 s), so the transport is never disposed under the
        // thread and a connection made in that moment is not left open.
        if (_thread.IsAlive && !_thread.Join(10_000))
        {
            _log.Write(LogLevel.Error, "meter poll thread did not stop within 10 s");
        }

        foreach (IDisposable d in _owned)
        {
            d.Dispose();
        }

        // The simulated meter's registers continue from here at the next start (a real meter's never go back).
        Simulator?.SaveRegisters();
    }

    private void Loop()
    {
        while (!_stop)
        {
            try
            {
                lock (Gate)
                {
                    Poller.Poll();
                }

                if (_transport is TcpByteTransport { IsConnected: false } tcp)
                {
                    ReconnectWhenDue(tcp);
                }
            }
            catch (IOException e)
            {
                // A vanished USB adapter or dropped socket: keep the service up and retry.
                _log.Write(LogLevel.Error, "meter transport: " + e.Message);
                _wake.Wait(1000);
            }
            catch (Exception e)
            {
                // Anything else is a bug, but the thread must not die silently (nor take the
                // process down): say what happened and keep polling.
                _log.Write(LogLevel.Error, "meter poll loop: " + e.GetType().Name + ": " + e.Message + "; polling goes on");
                _wake.Wait(1000);
            }

            _wake.Wait(2);
        }
    }

    /// <summary>The wait after a failed reconnect: doubling from 1 s up to 30 s.</summary>
    internal static int NextReconnectDelayMs(int currentMs) => Math.Min(currentMs * 2, MaxReconnectDelayMs);

    /// <summary>
    /// Reconnects to the serial server with back-off, polling on in between (so the link state
    /// shows the outage); one log line when the connection is lost and one when it is back.
    /// </summary>
    private void ReconnectWhenDue(TcpByteTransport tcp)
    {
        long now = Environment.TickCount64;
        if (_nextReconnectMs == 0)
        {
            _log.Write(LogLevel.Warning, "meter transport: connection to " + tcp.Host + ":" + tcp.Port + " lost; reconnecting");
            _nextReconnectMs = now + _reconnectDelayMs;
            return;
        }

        if (now < _nextReconnectMs || _stop)
        {
            return;
        }

        if (tcp.TryReconnect())
        {
            _log.Write(LogLevel.Info, "meter transport: reconnected to " + tcp.Host + ":" + tcp.Port);
            _reconnectDelayMs = FirstReconnectDelayMs;
            _nextReconnectMs = 0;
        }
        else
        {
            _reconnectDelayMs = NextReconnectDelayMs(_reconnectDelayMs);
            _nextReconnectMs = Environment.TickCount64 + _reconnectDelayMs;
        }
    }
}
