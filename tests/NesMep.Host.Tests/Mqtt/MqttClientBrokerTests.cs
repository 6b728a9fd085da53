using System.Text;
using NesMep.Host.Mqtt;
using Xunit;

namespace NesMep.Host.Tests.Mqtt;

/// <summary>The MQTT 3.1.1 client against Debian's mosquitto: packets, acks, keep-alive, will, errors, TLS.</summary>
[Collection("Mosquitto")]
public class MqttClientBrokerTests
{
    private static MqttConnectOptions Options(int port, string id = "nesmep-test") =>
        new() { Host = "127.0.0.1", Port = port, ClientId = id, KeepAliveS = 30, ConnectTimeoutMs = 3000 };

    [Fact]
    public void Publishes_qos0_and_qos1_with_retain_and_tracks_every_puback()
    {
        using var broker = new Mosquitto();
        using var sub = new Subscriber(broker.Port, "t/#");
        using MqttClient client = MqttClient.Connect(Options(broker.Port));

        client.Publish("t/zero", Encoding.UTF8.GetBytes("a"), 0, false);
        for (int i = 0; i < 50; i++)
        {
            Assert.NotEqual(0, client.Publish("t/one", Encoding.UTF8.GetBytes("n" + i), 1, false));
        }

        client.Publish("t/kept", Encoding.UTF8.GetBytes("retained ä"), 1, true);
        Assert.True(client.WaitForAcks(3000));
        Assert.Equal(51, client.PubAcksReceived);
        Assert.Equal(0, client.InFlight);

        sub.WaitFor("t/one", "n49");
        Assert.Equal(50, sub.On("t/one").Count);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => "n" + i), sub.On("t/one").Select(m => m.Payload));
        Assert.Single(sub.On("t/zero"));

        Dictionary<string, Seen> retained = Subscriber.Snapshot(broker.Port, "t/#");
        Assert.Equal(new[] { "t/kept" }, retained.Keys);
        Assert.Equal("retained ä", retained["t/kept"].Payload);
        client.Disconnect();
    }

    [Fact]
    public void Subscribes_and_receives_with_the_granted_qos()
    {
        using var broker = new Mosquitto();
        using MqttClient client = MqttClient.Connect(Options(broker.Port));
        client.Subscribe(["homeassistant/status"], 1);
        using var other = new Subscriber(broker.Port, "nothing/#");
        WaitUntil(() => client.GrantedQos.Count == 1, "SUBACK");
        Assert.True(client.GrantedQos.TryDequeue(out int granted));
        Assert.Equal(1, granted);

        other.Publish("homeassistant/status", "online");
        WaitUntil(() => client.TryTakeMessage(out MqttMessage m) && m.Topic == "homeassistant/status" && Encoding.UTF8.GetString(m.Payload) == "online", "the birth message");
    }

    [Fact]
    public void Keep_alive_sends_pingreq_and_gets_pingresp()
    {
        using var broker = new Mosquitto();
        var o = Options(broker.Port);
        o.KeepAliveS = 1;
        using MqttClient client = MqttClient.Connect(o);
        WaitUntil(() =>
        {
            client.KeepAlive();
            return client.PingResponses >= 2;
        }, "two PINGRESPs", 5000);
        Assert.True(client.IsConnected);
        Assert.True(client.PingsSent >= 2);
    }

    [Fact]
    public void Broken_connection_publishes_the_retained_last_will_and_clean_disconnect_does_not()
    {
        using var broker = new Mosquitto();
        var o = Options(broker.Port, "will-1");
        o.WillTopic = "w/lwt";
        o.WillPayload = Encoding.UTF8.GetBytes("Offline");
        MqttClient client = MqttClient.Connect(o);
        client.Publish("w/lwt", Encoding.UTF8.GetBytes("Online"), 1, true);
        Assert.True(client.WaitForAcks(2000));
        client.Dispose(); // socket closed without DISCONNECT, like a crash or a power cut

        using var sub = new Subscriber(broker.Port, "w/#");
        Seen will = sub.WaitFor("w/lwt", "Offline", 5000);
        Assert.True(will.Retain);

        o.ClientId = "will-2";
        using MqttClient clean = MqttClient.Connect(o);
        clean.Publish("w/lwt", Encoding.UTF8.GetBytes("Online"), 1, true);
        Assert.True(clean.WaitForAcks(2000));
        clean.Disconnect();

        // Instead of a fixed sleep (which passes whether or not the broker got round to the
        // DISCONNECT): a message published after it has come back, and no second "Offline" came.
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
        var e = Assert.Throws<MqttException>(() => MqttClient.Connect(o));
        Assert.True(e.Kind is MqttErrorKind.BadCredentials or MqttErrorKind.NotAuthorized, e.Kind + ": " + e.Message);
        Assert.Contains("user 'meter'", e.Message);
        Assert.Matches("user name or password|check user and password", e.Message);
        Assert.DoesNotContain("wrong", e.Message);

        o.User = null;
        o.Password = null;
        e = Assert.Throws<MqttException>(() => MqttClient.Connect(o));
        Assert.True(e.Kind is MqttErrorKind.NotAuthorized or MqttErrorKind.BadCredentials, e.Kind + ": " + e.Message);

        o.User = "meter";
        o.Password = "s3cret";
        using MqttClient ok = MqttClient.Connect(o);
        Assert.True(ok.IsConnected);
    }

    [Fact]
    public void Closed_port_is_the_named_unreachable_error()
    {
        var e = Assert.Throws<MqttException>(() => MqttClient.Connect(Options(Mosquitto.FreePort())));
        Assert.Equal(MqttErrorKind.Unreachable, e.Kind);
        Assert.Contains("connection refused", e.Message);
        Assert.Equal("broker unreachable", MqttException.Name(e.Kind));
    }

    [Fact]
    public void Tls_with_the_generated_ca_works_and_a_foreign_ca_or_host_name_is_a_tls_failure()
    {
        using var dir = new TempDir();
        TestPki.CreateAll(dir);
        TestPki.CreateCa(dir, "other");
        using var broker = new Mosquitto(TestPki.ListenerTls(dir, false), dir: dir);

        var o = Options(broker.Port);
        o.Tls = true;
        o.CaFile = dir.File("ca.pem");
        using (MqttClient client = MqttClient.Connect(o))
        {
            client.Publish("tls/ok", Encoding.UTF8.GetBytes("yes"), 1, true);
            Assert.True(client.WaitForAcks(2000));
            client.Disconnect();
        }

        o.Host = "localhost";
        using (MqttClient byName = MqttClient.Connect(o))
        {
            Assert.True(byName.IsConnected);
            byName.Disconnect();
        }

        o.Host = "127.0.0.1";
        o.CaFile = dir.File("other.pem");
        var e = Assert.Throws<MqttException>(() => MqttClient.Connect(o));
        Assert.Equal(MqttErrorKind.TlsFailure, e.Kind);
        Assert.Contains("not signed by ca_file", e.Message);

        // No CA given: the system store does not know our test CA.
        o.CaFile = null;
        e = Assert.Throws<MqttException>(() => MqttClient.Connect(o));
        Assert.Equal(MqttErrorKind.TlsFailure, e.Kind);

        // Plain MQTT against the TLS port is no MQTT answer at all.
        var plain = Options(broker.Port);
        plain.ConnectTimeoutMs = 1500;
        e = Assert.Throws<MqttException>(() => MqttClient.Connect(plain));
        Assert.Contains(e.Kind, new[] { MqttErrorKind.ConnectionLost, MqttErrorKind.Timeout, MqttErrorKind.ProtocolError });
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
        using (MqttClient client = MqttClient.Connect(o))
        {
            Assert.True(client.IsConnected);
            client.Disconnect();
        }

        o.ClientCert = null;
        o.ClientKey = null;
        var e = Assert.Throws<MqttException>(() => MqttClient.Connect(o));
        Assert.Contains(e.Kind, new[] { MqttErrorKind.TlsFailure, MqttErrorKind.ConnectionLost });

        o.ClientCert = dir.File("missing.pem");
        e = Assert.Throws<MqttException>(() => MqttClient.Connect(o));
        Assert.Equal(MqttErrorKind.Configuration, e.Kind);
    }

    private static void WaitUntil(Func<bool> condition, string what, int timeoutMs = 5000)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        while (sw.ElapsedMilliseconds < timeoutMs)
        {
            if (condition())
            {
                return;
            }

            Thread.Sleep(20);
        }

        Assert.Fail("no " + what + " within " + timeoutMs + " ms");
    }
}
