using System.Diagnostics;
using System.Text;
using NesMep.Host.Mqtt;
using Xunit;

namespace NesMep.Host.Tests.Mqtt;

/// <summary>A message as a subscriber saw it, with the time it arrived.</summary>
internal sealed record Seen(long AtMs, string Topic, string Payload, bool Retain, int Qos);

/// <summary>
/// A test-side subscriber built on <see cref="MqttClient"/>. Messages published while it is
/// subscribed arrive with retain = false; a fresh subscriber (<see cref="Snapshot"/>) receives the
/// broker's retained messages with retain = true, which is how the tests check retain flags.
/// </summary>
internal sealed class Subscriber : IDisposable
{
    private readonly MqttClient _client;
    private readonly List<Seen> _seen = new();
    private readonly Thread _pump;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private volatile bool _stop;

    public Subscriber(int port, string filter = "#", Action<MqttConnectOptions>? configure = null)
    {
        var options = new MqttConnectOptions { Host = "127.0.0.1", Port = port, ClientId = "test-sub-" + Guid.NewGuid().ToString("N")[..8], KeepAliveS = 30 };
        configure?.Invoke(options);
        _client = MqttClient.Connect(options);
        _pump = new Thread(Pump) { IsBackground = true };
        _pump.Start();
        try
        {
            _client.Subscribe([filter], 1);

            // Subscribed only once the SUBACK is back: the broker sends the retained messages right after
            // it, and publications before it would not reach us (a loaded machine can take a while).
            var sw = Stopwatch.StartNew();
            while (_client.GrantedQos.IsEmpty)
            {
                Assert.True(_client.IsConnected && sw.ElapsedMilliseconds < 10_000, "no SUBACK for " + filter);
                Thread.Sleep(5);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public MqttClient Client => _client;

    public List<Seen> All
    {
        get
        {
            lock (_seen)
            {
                return _seen.ToList();
            }
        }
    }

    /// <summary>The retained messages under <paramref name="filter"/> right now, by topic (a fresh subscription gets them with retain = true).</summary>
    public static Dictionary<string, Seen> Snapshot(int port, string filter = "#", int quietMs = 300)
    {
        using var s = new Subscriber(port, filter);
        s.WaitQuiet(quietMs);
        var result = new Dictionary<string, Seen>();
        foreach (Seen m in s.All)
        {
            // Live (non-retained) publications that happen to arrive meanwhile are not part of the snapshot.
            if (m.Retain)
            {
                result[m.Topic] = m;
            }
        }

        return result;
    }

    public List<Seen> On(string topic) => All.Where(m => m.Topic == topic).ToList();

    /// <summary>Waits until a message satisfies <paramref name="match"/>; returns it.</summary>
    public Seen WaitFor(Func<Seen, bool> match, string what, int timeoutMs = 10_000, long afterMs = -1)
    {
        var sw = Stopwatch.StartNew();
        while (sw.ElapsedMilliseconds < timeoutMs)
        {
            Seen? hit = All.FirstOrDefault(m => m.AtMs > afterMs && match(m));
            if (hit != null)
            {
                return hit;
            }

            Thread.Sleep(20);
        }

        Assert.Fail("no " + what + " within " + timeoutMs + " ms; saw:\n" + string.Join("\n", All.TakeLast(30).Select(m => m.AtMs + " " + m.Topic + " " + Trim(m.Payload))));
        return null!;
    }

    public Seen WaitFor(string topic, string payload, int timeoutMs = 10_000, long afterMs = -1) =>
        WaitFor(m => m.Topic == topic && m.Payload == payload, topic + " = " + payload, timeoutMs, afterMs);

    /// <summary>Waits until no message arrived for <paramref name="quietMs"/>.</summary>
    public void WaitQuiet(int quietMs, int maxMs = 5000)
    {
        var sw = Stopwatch.StartNew();
        int count = -1;
        long since = 0;
        while (sw.ElapsedMilliseconds < maxMs)
        {
            int now = All.Count;
            if (now != count)
            {
                count = now;
                since = sw.ElapsedMilliseconds;
            }
            else if (sw.ElapsedMilliseconds - since >= quietMs)
            {
                return;
            }

            Thread.Sleep(20);
        }
    }

    public long NowMs => _clock.ElapsedMilliseconds;

    public void Publish(string topic, string payload, bool retain = false) => _client.Publish(topic, Encoding.UTF8.GetBytes(payload), 1, retain);

    public void Dispose()
    {
        _stop = true;
        _client.Disconnect();
        _pump.Join(2000);
        _client.Dispose();
    }

    private static string Trim(string s) => s.Length > 120 ? s[..120] + "…" : s;

    private void Pump()
    {
        while (!_stop && _client.IsConnected)
        {
            while (_client.TryTakeMessage(out MqttMessage m))
            {
                lock (_seen)
                {
                    _seen.Add(new Seen(_clock.ElapsedMilliseconds, m.Topic, Encoding.UTF8.GetString(m.Payload), m.Retain, m.Qos));
                }
            }

            try
            {
                _client.Activity.WaitOne(50);
                _client.KeepAlive();
            }
            catch (Exception e) when (e is ObjectDisposedException or MqttException)
            {
                return;
            }
        }
    }
}
