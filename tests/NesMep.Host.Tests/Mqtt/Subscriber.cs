using System.Buffers;
using System.Diagnostics;
using System.Text;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using NesMep.Host.Mqtt;
using Xunit;

namespace NesMep.Host.Tests.Mqtt;

/// <summary>A message as a subscriber saw it, with the time it arrived.</summary>
internal sealed record Seen(long AtMs, string Topic, string Payload, bool Retain, int Qos);

/// <summary>
/// A test-side subscriber on MQTTnet. Messages published while it is subscribed arrive with
/// retain = false; a fresh subscriber (<see cref="Snapshot"/>) receives the broker's retained
/// messages with retain = true, which is how the tests check retain flags.
/// </summary>
internal sealed class Subscriber : IDisposable
{
    private readonly IMqttClient _client;
    private readonly List<Seen> _seen = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<Task> _sending = new();

    public Subscriber(int port, string filter = "#", Action<MqttConnectOptions>? configure = null)
    {
        var options = new MqttConnectOptions { Host = "127.0.0.1", Port = port, ClientId = "test-sub-" + Guid.NewGuid().ToString("N")[..8], KeepAliveS = 30 };
        configure?.Invoke(options);
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(options.Host, options.Port)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithClientId(options.ClientId)
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (options.Tls)
        {
            var tls = new MqttTls(options);
            builder.WithTlsOptions(t => t.UseTls(true).WithTargetHost(options.Host).WithCertificateValidationHandler(a => tls.Validate(a.Certificate, a.Chain, a.SslPolicyErrors)));
        }

        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += e =>
        {
            MqttApplicationMessage m = e.ApplicationMessage;
            lock (_seen)
            {
                _seen.Add(new Seen(_clock.ElapsedMilliseconds, m.Topic, Encoding.UTF8.GetString(m.Payload.ToArray()), m.Retain, (int)m.QualityOfServiceLevel));
            }

            return Task.CompletedTask;
        };
        try
        {
            MqttClientConnectResult result = _client.ConnectAsync(builder.Build()).GetAwaiter().GetResult();
            Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);

            // Subscribed once the SUBACK is back: the broker sends the retained messages right after it.
            _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce).Build()).GetAwaiter().GetResult();
        }
        catch
        {
            _client.Dispose();
            throw;
        }
    }

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

    public long NowMs => _clock.ElapsedMilliseconds;

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

    /// <summary>Publishes at QoS 1 without waiting for the PUBACK (a flood goes out at once); <see cref="Dispose"/> waits.</summary>
    public void Publish(string topic, string payload, bool retain = false)
    {
        Task sending = _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag(retain).Build());
        lock (_sending)
        {
            _sending.Add(sending);
        }
    }

    public void Dispose()
    {
        try
        {
            lock (_sending)
            {
                Task.WaitAll(_sending.ToArray(), 5000);
            }

            _client.DisconnectAsync(new MqttClientDisconnectOptions()).Wait(2000);
        }
        catch (AggregateException)
        {
            // already gone (broker stopped)
        }

        _client.Dispose();
    }

    private static string Trim(string s) => s.Length > 120 ? s[..120] + "…" : s;
}
