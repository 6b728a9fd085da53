using NesMep.Core.Api;
using NesMep.Core.Link;
using NesMep.Core.Optical;
using NesMep.Core.Module;
using NesMep.Core.Platform;
using NesMep.Host.Transports;
using NesMep.Simulator;
using NesMep.Simulator.Optical;

namespace NesMep.Host.Service;

/// <summary>
/// Opens the Linux host's meter side for a <see cref="HostConfig"/>: the built-in simulator, a serial port
/// (termios; DTR/RTS transceiver reset on the MEP port, RTS on / DTR off for an optical probe) or a serial server over TCP (which can drop and be reconnected).
/// </summary>
internal sealed class HostMeterSideFactory : IMeterSideFactory
{
    private readonly IClock _clock;
    private readonly ILog _log;
    private readonly ManualResetEventSlim _wake;
    private readonly Func<HostConfig, ModuleInfo> _info;

    public HostMeterSideFactory(IClock clock, ILog log, ManualResetEventSlim wake, Func<HostConfig, ModuleInfo> info)
    {
        _clock = clock;
        _log = log;
        _wake = wake;
        _info = info;
    }

    public MeterSide Open(object settings)
    {
        var config = (HostConfig)settings;
        ModuleInfo info = _info(config);
        var resources = new MeterSideResources();
        try
        {
            IByteTransport transport;
            ITransceiverControl? transceiver;
            IMeterConnection? connection = null;
            NesMep.Core.Web.ModuleSettings sideSettings = config.Settings;
            switch (config.Source)
            {
                case MeterSource.Serial:
                    var port = new TermiosSerialPort(config.SerialPath!, config.SerialBaud);
                    resources.Own(port);
                    resources.Wait = port;
                    transport = port;
                    // The optical port has a probe, not a MEP transceiver: RTS on / DTR off, no reset lines (OpticalProbeLines).
                    transceiver = OpticalProbeLines.ControlFor(port, config.MeterPort, config.ResetLines, config.ResetPolarity, m => _log.Write(LogLevel.Warning, m));
                    info.Source = "serial " + config.SerialPath + " @" + config.SerialBaud + (config.MeterPort == LinkKind.Optical ? " (optical port)" : "");
                    break;
                case MeterSource.Tcp:
                    HostConfig.TryParseHostPort(config.TcpEndpoint, out string host, out int tcpPort);
                    var tcp = new TcpByteTransport(host, tcpPort);
                    resources.Own(tcp);
                    resources.Wait = tcp;
                    transport = tcp;
                    connection = tcp;
                    transceiver = null; // a remote serial server has no line we can switch
                    info.Source = "tcp " + config.TcpEndpoint;
                    break;
                case MeterSource.Simulator when config.MeterPort == LinkKind.Optical:
                    MeterSimulator opticalMeter = SimulatorFactory.Create(_clock, config.SimulatorProfile, config.SimulatorSolar, config.SimulatorFaults,
                        config.ClientKey(), config.StateDir, _log);
                    resources.Simulator = opticalMeter;
                    // The simulated meter accepts the configured optical key as its MK, else the demo key the client then uses.
                    byte[] mk = config.OpticalKey == null ? OpticalOptions.DemoKey() : OpticalKey.TryParse(config.OpticalKey, out _)!;
                    sideSettings = config.Settings.Copy();
                    sideSettings.OpticalKey = config.OpticalKey ?? System.Text.Encoding.ASCII.GetString(OpticalOptions.DemoKey());
                    transport = new SimulatedOpticalLine(new OpticalPort(opticalMeter, new OpticalOptions { Mk = mk }));
                    transceiver = null;
                    resources.Wait = new SimulatedOpticalLineWait(_wake);
                    info.Source = "simulated meter (" + config.SimulatorProfile + (config.SimulatorSolar ? ", solar" : "") + ", optical port)";
                    break;
                default:
                    MeterSimulator meter = SimulatorFactory.Create(_clock, config.SimulatorProfile, config.SimulatorSolar, config.SimulatorFaults,
                        config.ClientKey(), config.StateDir, _log);
                    resources.Simulator = meter;
                    var line = new SimulatedLine(meter);
                    resources.Wait = new SimulatedLineWait(line, _clock, _wake);
                    transport = line;
                    transceiver = line;
                    info.Source = "simulated meter (" + config.SimulatorProfile + (config.SimulatorSolar ? ", solar" : "") + ")";
                    break;
            }

            return new MeterSide(transport, transceiver, connection, config.ClientKey(), sideSettings, _clock, _log, info, resources);
        }
        catch
        {
            resources.Dispose();
            throw;
        }
    }
}
