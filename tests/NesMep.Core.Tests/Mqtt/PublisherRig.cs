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

    public bool TryPublish(string topic, byte[] payload, int qos, bool retain)
    {
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
    private const string Bt21Gen3 = "00 00 00 0B 00 00 00 04 00 37";

    public PublisherRig(MqttSettings? settings = null, IWifiSignal? wifi = null, bool noKey = false)
    {
        Settings = settings ?? new MqttSettings { Host = "broker", ClientId = "test" };
        var key = MepKey.Parse("0123456789ABCDEFGHIJ");
        Meter = new ScriptedMeter(Clock, key, 0x10) { Tables = Serve };
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

    public int ImportWh { get; set; } = 1_234_567;

    public int PowerImportW { get; set; } = 432;

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

    private byte[]? Serve(int table, int offset, int count)
    {
        byte[]? image = table switch
        {
            0x34 => new byte[] { 26, 11, 21, 12, 0, 5, 0x10 | 6 },
            0x01 => Ascii("NES 83331-3I", 12).Concat(new byte[] { 0, 0, 0x31, 0x55 }).ToArray(),
            0x15 => Hex.Parse(Bt21Gen3),
            0x17 => Bt23(),
            0x1C => Bt28(),
            0x803 => Ascii(Serial, 143),
            0x80D => new byte[5 * 66],
            0x07 or 0x08 => new byte[] { 0x27, 0x08, 5, 0 },
            _ => null,
        };
        if (image == null)
        {
            return null;
        }

        if (count < 0)
        {
            return image;
        }

        byte[] window = new byte[count];
        Array.Copy(image, Math.Min(offset, image.Length), window, 0, Math.Max(0, Math.Min(count, image.Length - offset)));
        return window;
    }

    private static byte[] Ascii(string s, int length)
    {
        byte[] b = new byte[length];
        Encoding.ASCII.GetBytes(s).CopyTo(b, 0);
        return b;
    }

    private byte[] Bt23()
    {
        byte[] b = new byte[5 * 44];
        ByteOrder.WriteInt32LE(b, 0, ImportWh);
        ByteOrder.WriteInt32LE(b, 4, 4321);
        return b;
    }

    private byte[] Bt28()
    {
        byte[] b = new byte[55 * 4];
        int[] v = { PowerImportW, 0, 10, 545, 1978, 782, 854, 228693, 226079, 226973, 981, 50012 };
        for (int i = 0; i < v.Length; i++)
        {
            ByteOrder.WriteInt32LE(b, 4 * i, v[i]);
        }

        ByteOrder.WriteInt32LE(b, 4 * 13, -975); // L2 power factor, negative (capacitive)
        ByteOrder.WriteInt32LE(b, 4 * 14, 990);
        ByteOrder.WriteInt32LE(b, 4 * 26, 320);
        ByteOrder.WriteInt32LE(b, 4 * 27, 59);
        ByteOrder.WriteInt32LE(b, 4 * 28, 53);
        ByteOrder.WriteInt32LE(b, 4 * 29, -7); // signed stays signed
        ByteOrder.WriteInt32LE(b, 4 * 47, 400);
        return b;
    }
}
