#nullable enable
using System.Text;
using NesMep.Core.Api;
using NesMep.Core.Link;
using NesMep.Core.Model;
using NesMep.Core.Mqtt;
using NesMep.Core.Polling;
using NesMep.Core.Protocol;
using NesMep.Core.Tests.Support;

namespace NesMep.Core.Tests.Mqtt;

/// <summary>One message as the sink received it.</summary>
public sealed record Sent(long AtMs, string Topic, string Payload, int Qos, bool Retain);

/// <summary>An <see cref="IMqttSink"/> that records, and can refuse, messages.</summary>
public sealed class RecordingSink : IMqttSink
{
    public List<Sent> Messages { get; } = new();

    public Func<long> Now { get; set; } = () => 0;

    /// <summary>How many more messages to accept; negative: unlimited.</summary>
    public int AcceptBudget { get; set; } = -1;

    /// <summary>Topics the publisher asked about before building a payload.</summary>
    public List<string> Asked { get; } = new();

    public bool CanAccept(string topic)
    {
        Asked.Add(topic);
        return AcceptBudget != 0;
    }

    /// <summary>Topics handed to <see cref="TryPublish"/> (with a built payload), accepted or not.</summary>
    public List<string> Offered { get; } = new();

    public bool TryPublish(string topic, byte[] payload, int qos, bool retain)
    {
        Offered.Add(topic);
        if (AcceptBudget == 0)
        {
            return false;
        }

        if (AcceptBudget > 0)
        {
            AcceptBudget--;
        }

        Messages.Add(new Sent(Now(), topic, Encoding.UTF8.GetString(payload), qos, retain));
        return true;
    }

    public List<Sent> On(string topic) => Messages.Where(m => m.Topic == topic).ToList();

    public Sent? Last(string topic) => Messages.LastOrDefault(m => m.Topic == topic);

    public void Clear() => Messages.Clear();
}

/// <summary>A Wi-Fi source for the firmware-only entity.</summary>
public sealed class FixedWifi : IWifiSignal
{
    public int Dbm { get; set; } = -61;

    public bool TryGetRssi(out int dbm)
    {
        dbm = Dbm;
        return true;
    }
}

/// <summary>
/// The real link, poller and context against the scripted Gen 3 meter (the same tables as
/// MeterPollerTests), under virtual time, with an <see cref="MqttPublisher"/> on top.
/// </summary>
public sealed class PublisherRig
{
    public const string Serial = "5706567012345678";
    private readonly Gen3MeterImages _images = new() { Serial = Serial };

    public PublisherRig(MqttSettings? settings = null, IWifiSignal? wifi = null, bool noKey = false)
    {
        Settings = settings ?? new MqttSettings { Host = "broker", ClientId = "test" };
        var key = MepKey.Parse("0123456789ABCDEFGHIJ");
        Meter = new ScriptedMeter(Clock, key, 0x10) { Tables = _images.Serve };
        Reading = new MeterReading(new QualitySettings());
        if (!noKey)
        {
            var link = new MepLink(Meter, Clock, Meter, key, new LinkSettings(), Log);
            Poller = new MeterPoller(link, Clock, new PollSettings(), Reading, Log);
        }

        Context = new ModuleContext(new ModuleInfo { Name = "NesMep", Maker = "NesMep", Version = "9.8.7", Platform = "esp32" }, Clock, Poller);
        Sink.Now = () => Clock.NowMs;
        Publisher = new MqttPublisher(Settings, Context, Sink, Log, wifi);
    }

    public VirtualClock Clock { get; } = new();

    public ScriptedMeter Meter { get; }

    public MeterReading Reading { get; }

    public MeterPoller? Poller { get; }

    public ModuleContext Context { get; }

    public MqttSettings Settings { get; }

    public RecordingSink Sink { get; } = new();

    public MqttPublisher Publisher { get; }

    public ListLog Log { get; } = new();

    public int ImportWh
    {
        get => _images.ImportWh;
        set => _images.ImportWh = value;
    }

    public int PowerImportW
    {
        get => _images.PowerImportW;
        set => _images.PowerImportW = value;
    }

    /// <summary>Runs the meter poll every 1 ms and the publisher every 100 ms of virtual time.</summary>
    public void Run(int ms)
    {
        for (int t = 0; t < ms; t++)
        {
            Poller?.Poll();
            if (Clock.NowMs % 100 == 0)
            {
                Publisher.Poll();
            }

            Clock.Advance(1);
        }
    }

    /// <summary>Let the poller reach steady polling with values (about 15 s), nothing connected.</summary>
    public PublisherRig WithData()
    {
        Run(15_000);
        return this;
    }

    public void Connect()
    {
        Publisher.OnConnected();
        Publisher.Poll();
    }

    public void Birth(string payload = "online") => Publisher.OnMessage(Settings.DiscoveryPrefix + "/status", Encoding.UTF8.GetBytes(payload), 0, Encoding.UTF8.GetByteCount(payload));
}
