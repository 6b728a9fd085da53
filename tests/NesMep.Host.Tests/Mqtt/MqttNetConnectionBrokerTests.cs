using System.Diagnostics;
using System.Text;
using NesMep.Core.Mqtt;
using NesMep.Host.Mqtt;
using Xunit;

namespace NesMep.Host.Tests.Mqtt;

/// <summary>The MQTTnet adapter against Debian's mosquitto: QoS 0/1, retain, subscribe, will, named errors, TLS.</summary>
[Collection("Mosquitto")]
public class MqttNetConnectionBrokerTests
{
    private static MqttConnectOptions Options(int port, string id = "nesmep-test") =>
        new() { Host = "127.0.0.1", Port = port, ClientId = id, KeepAliveS = 30, ConnectTimeoutMs = 3000 };

    /// <summary>Starts an attempt and waits until it connected or failed.</summary>
    private static MqttNetConnection Connect(MqttConnectOptions o)
    {
        var c = new MqttNetConnection(o);
        c.StartConnect();
        WaitUntil(() => c.State != MqttConnectionState.Connecting, "the attempt to end", 10_000);
        return c;
    }

    private static MqttNetConnection Connected(MqttConnectOptions o)
    {
        MqttNetConnection c = Connect(o);
        Assert.True(c.State == MqttConnectionState.Connected, c.ErrorKind + ": " + c.ErrorText);
        return c;
    }

    private static void Send(MqttNetConnection c, string topic, string payload, int qos, bool retain) =>
        WaitUntil(() => c.TryPublish(topic, Encoding.UTF8.GetBytes(payload), qos, retain), "room to publish " + topic);

    [Fact]
    public void Publishes_qos0_and_qos1_with_retain_in_order_and_counts_them_pending_until_acknowledged()
    {
        using var broker = new Mosquitto();
        using var sub = new Subscriber(broker.Port, "t/#");
        var o = Options(broker.Port);
        o.MaxInFlight = 8;
        using MqttNetConnection c = Connected(o);

        Send(c, "t/zero", "a", 0, false);
        for (int i = 0; i < 50; i++)
        {
            Send(c, "t/one", "n" + i, 1, false); // more than MaxInFlight: refused until PUBACKs free room
        }

        Send(c, "t/kept", "retained ä", 1, true);
        WaitUntil(() => c.Pending == 0, "every PUBACK");

        sub.WaitFor("t/one", "n49");
        Assert.Equal(Enumerable.Range(0, 50).Select(i => "n" + i), sub.On("t/one").Select(m => m.Payload));
        Assert.Single(sub.On("t/zero"));
        Dictionary<string, Seen> retained = Subscriber.Snapshot(broker.Port, "t/#");
        Assert.Equal(new[] { "t/kept" }, retained.Keys);
        Assert.Equal("retained ä", retained["t/kept"].Payload);
        Assert.Equal(0, c.PublishFailures);
        c.Disconnect();
    }

    [Fact]
    public void Subscribes_and_receives()
    {
        using var broker = new Mosquitto();
        using MqttNetConnection c = Connected(Options(broker.Port));
        c.Subscribe(["homeassistant/status"]);
        using var other = new Subscriber(broker.Port, "nothing/#");
        string topic = "";
        byte[] payload = [];
        WaitUntil(() =>
        {
            other.Publish("homeassistant/status", "online"); // again until the subscription is in place
            Thread.Sleep(50);
            return c.TryReceive(out topic, out payload);
        }, "the birth message");
        Assert.Equal(("homeassistant/status", "online"), (topic, Encoding.UTF8.GetString(payload)));
    }

    [Fact]
    public void Abort_lets_the_broker_publish_the_retained_will_and_disconnect_does_not()
    {
        using var broker = new Mosquitto();
        var o = Options(broker.Port, "will-1");
        o.WillTopic = "w/lwt";
        o.WillPayload = Encoding.UTF8.GetBytes("Offline");
        MqttNetConnection c = Connected(o);
        Send(c, "w/lwt", "Online", 1, true);
        WaitUntil(() => c.Pending == 0, "the PUBACK");
        c.Abort(); // socket closed without DISCONNECT, like a crash or a power cut
        c.Dispose();

        using var sub = new Subscriber(broker.Port, "w/#");
        Seen will = sub.WaitFor("w/lwt", "Offline", 5000);
        Assert.True(will.Retain);

        o.ClientId = "will-2";
        MqttNetConnection clean = Connected(o);
        Send(clean, "w/lwt", "Online", 1, true);
        WaitUntil(() => clean.Pending == 0, "the PUBACK");
        clean.Disconnect();
        clean.Dispose(); // waits for the DISCONNECT to go out

        // Instead of a fixed sleep: a message published after it has come back, and no second "Offline" came.
        sub.Publish("w/marker", "after");
        sub.WaitFor("w/marker", "after", 5000);
        Assert.Single(sub.On("w/lwt"), m => m.Payload == "Offline");
        Assert.Equal("Online", Subscriber.Snapshot(broker.Port, "w/#")["w/lwt"].Payload);
    }

    [Fact]
    public void Wrong_password_is_the_named_credentials_error()
    {
        using var dir = new TempDir();
        dir.Run("/usr/bin/mosquitto_passwd", "-c", "-b", dir.File("passwd"), "meter", "s3cret");
        using var broker = new Mosquitto("password_file " + dir.File("passwd"), anonymous: false, dir: dir);

        var o = Options(broker.Port);
        o.User = "meter";
        o.Password = "wrong";
        // mosquitto 2.0 answers a wrong password for MQTT 3.1.1 with CONNACK 5 (not authorised); other brokers use 4.
        using (MqttNetConnection c = Connect(o))
        {
            Assert.Equal(MqttConnectionState.Closed, c.State);
            Assert.True(c.ErrorKind is MqttErrorKind.BadCredentials or MqttErrorKind.NotAuthorized, c.ErrorKind + ": " + c.ErrorText);
            Assert.Contains("user 'meter'", c.ErrorText);
            Assert.Matches("user name or password|check user and password", c.ErrorText);
            Assert.DoesNotContain("wrong", c.ErrorText);
        }

        o.User = null;
        o.Password = null;
        using (MqttNetConnection c = Connect(o))
        {
            Assert.True(c.ErrorKind is MqttErrorKind.NotAuthorized or MqttErrorKind.BadCredentials, c.ErrorKind + ": " + c.ErrorText);
        }

        o.User = "meter";
        o.Password = "s3cret";
        using MqttNetConnection ok = Connected(o);
    }

    [Fact]
    public void Closed_port_is_the_named_unreachable_error()
    {
        using MqttNetConnection c = Connect(Options(Mosquitto.FreePort()));
        Assert.Equal(MqttErrorKind.Unreachable, c.ErrorKind);
        Assert.Contains("connection refused", c.ErrorText);
        Assert.Equal("broker unreachable", MqttErrors.Name(c.ErrorKind));
    }

    [Fact]
    public void Tls_with_the_generated_ca_works_and_a_foreign_ca_or_no_ca_is_a_tls_failure()
    {
        using var dir = new TempDir();
        TestPki.CreateAll(dir);
        TestPki.CreateCa(dir, "other");
        using var broker = new Mosquitto(TestPki.ListenerTls(dir, false), dir: dir);

        var o = Options(broker.Port);
        o.Tls = true;
        o.CaFile = dir.File("ca.pem");
        using (MqttNetConnection c = Connected(o))
        {
            Send(c, "tls/ok", "yes", 1, true);
            WaitUntil(() => c.Pending == 0, "the PUBACK");
            c.Disconnect();
        }

        o.Host = "localhost";
        using (MqttNetConnection byName = Connected(o))
        {
            byName.Disconnect();
        }

        o.Host = "127.0.0.1";
        o.CaFile = dir.File("other.pem");
        using (MqttNetConnection c = Connect(o))
        {
            Assert.Equal(MqttErrorKind.TlsFailure, c.ErrorKind);
            Assert.Contains("not signed by ca_file", c.ErrorText);
        }

        // No CA given: the system store does not know our test CA.
        o.CaFile = null;
        using (MqttNetConnection c = Connect(o))
        {
            Assert.Equal(MqttErrorKind.TlsFailure, c.ErrorKind);
        }

        // Plain MQTT against the TLS port is no MQTT answer at all.
        var plain = Options(broker.Port);
        plain.ConnectTimeoutMs = 1500;
        using (MqttNetConnection c = Connect(plain))
        {
            Assert.Contains(c.ErrorKind, new[] { MqttErrorKind.ConnectionLost, MqttErrorKind.Timeout, MqttErrorKind.ProtocolError });
        }
    }

    [Fact]
    public void Tls_client_certificate_is_presented_when_the_broker_requires_one()
    {
        using var dir = new TempDir();
        TestPki.CreateAll(dir);
        using var broker = new Mosquitto(TestPki.ListenerTls(dir, true), dir: dir);

        var o = Options(broker.Port);
        o.Tls = true;
        o.CaFile = dir.File("ca.pem");
        o.ClientCert = dir.File("client.pem");
        o.ClientKey = dir.File("client.key");
        using (MqttNetConnection c = Connected(o))
        {
            c.Disconnect();
        }

        o.ClientCert = null;
        o.ClientKey = null;
        using (MqttNetConnection c = Connect(o))
        {
            Assert.True(c.ErrorKind is MqttErrorKind.TlsFailure or MqttErrorKind.ConnectionLost, c.ErrorKind + ": " + c.ErrorText);
        }

        o.ClientCert = dir.File("missing.pem");
        using (MqttNetConnection c = Connect(o))
        {
            Assert.Equal(MqttErrorKind.Configuration, c.ErrorKind);
        }
    }

    internal static void WaitUntil(Func<bool> condition, string what, int timeoutMs = 5000)
    {
        var sw = Stopwatch.StartNew();
        while (sw.ElapsedMilliseconds < timeoutMs)
        {
            if (condition())
            {
                return;
            }

            Thread.Sleep(10);
        }

        Assert.Fail("no " + what + " within " + timeoutMs + " ms");
    }
}
