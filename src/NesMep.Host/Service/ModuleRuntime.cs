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
    private volatile bool _stop;

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
                Simulator = SimulatorFactory.Create(clock, config.SimulatorProfile, config.SimulatorSolar, config.SimulatorFaults, config.ClientKey());
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

    public void Start() => _thread.Start();

    public void Dispose()
    {
        _stop = true;
        if (_thread.IsAlive)
        {
            _thread.Join(2000);
        }

        foreach (IDisposable d in _owned)
        {
            d.Dispose();
        }
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
                    Thread.Sleep(1000);
                    tcp.TryReconnect();
                }
            }
            catch (IOException e)
            {
                // A vanished USB adapter or dropped socket: keep the service up and retry.
                _log.Write(LogLevel.Error, "meter transport: " + e.Message);
                Thread.Sleep(1000);
            }

            Thread.Sleep(2);
        }
    }
}
