#nullable enable
using System.Text;
using NesMep.Core.Api;
using NesMep.Core.Mqtt;
using NesMep.Core.Tests.Support;
using Xunit;

namespace NesMep.Core.Tests.Mqtt;

/// <summary>The bounded outbox between the publisher and the connection.</summary>
public class MqttOutboxTests
{
    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    private static (string Topic, string Payload, int Qos, bool Retain) Take(MqttOutbox box)
    {
        Assert.True(box.TryPeek(out string topic, out byte[] payload, out int qos, out bool retain));
        box.RemoveFirst();
        return (topic, Encoding.UTF8.GetString(payload), qos, retain);
    }

    [Fact]
    public void Keeps_one_message_per_topic_newest_wins_in_the_original_position()
    {
        var box = new MqttOutbox(3, 1000);
        Assert.True(box.TryPublish("a", B("1"), 0, false));
        Assert.True(box.TryPublish("b", B("1"), 1, true));
        Assert.True(box.TryPublish("a", B("22"), 1, true));
        Assert.Equal((2, 1, 3), (box.Count, box.Replaced, box.Bytes));

        Assert.Equal(("a", "22", 1, true), Take(box));
        Assert.Equal("b", Take(box).Topic);
        Assert.False(box.TryPeek(out _, out _, out _, out _));
        Assert.Equal(0, box.Bytes);
    }

    [Fact]
    public void Is_bounded_by_topics_and_bytes_and_a_waiting_topic_still_takes_its_newest_state()
    {
        var box = new MqttOutbox(2, 1000);
        Assert.True(box.TryPublish("a", B("1"), 0, false));
        Assert.True(box.TryPublish("b", B("1"), 0, false));
        for (int i = 0; i < 10_000; i++)
        {
            Assert.False(box.CanAccept("c" + (i % 10)));
            Assert.False(box.TryPublish("c" + (i % 10), B("x"), 0, false));
            Assert.True(box.CanAccept("a"));
            Assert.True(box.TryPublish("a", B(i.ToString()), 0, false));
        }

        Assert.Equal((2, 10_000), (box.Count, box.Dropped));

        var small = new MqttOutbox(10, 8);
        Assert.True(small.TryPublish("a", B("12345"), 0, false));
        Assert.False(small.TryPublish("b", B("1234"), 0, false)); // 9 bytes > 8
        Assert.True(small.TryPublish("b", B("123"), 0, false));
        Assert.False(small.CanAccept("c")); // full by bytes
        Assert.True(small.TryPublish("a", B("1"), 0, false)); // replacing frees 4
        Assert.True(small.CanAccept("c"));
        small.Clear();
        Assert.Equal((0, 0), (small.Count, small.Bytes));
    }

    [Fact]
    public void Wraps_around_its_ring_keeping_the_order()
    {
        var box = new MqttOutbox(3, 1000);
        var order = new List<string>();
        for (int i = 0; i < 20; i++)
        {
            Assert.True(box.TryPublish("t" + i, B("x"), 0, false));
            if (box.Count == 3)
            {
                order.Add(Take(box).Topic);
            }
        }

        while (box.Count > 0)
        {
            order.Add(Take(box).Topic);
        }

        Assert.Equal(Enumerable.Range(0, 20).Select(i => "t" + i), order);
    }

    [Fact]
    public void A_full_outbox_costs_the_publisher_no_payload_it_would_drop()
    {
        var clock = new VirtualClock();
        var settings = new MqttSettings { Host = "broker", ClientId = "test" };
        var box = new MqttOutbox(1, 100_000);
        var publisher = new MqttPublisher(settings, new ModuleContext(new ModuleInfo(), clock, null), box, new ListLog(), null);
        publisher.OnConnected();
        publisher.Poll(); // "Online" fills the only slot; availability and state are refused before being built
        Assert.Equal(1, box.Count);
        Assert.True(publisher.Refused > 0);
        Assert.Equal(0, box.Dropped); // refused by CanAccept, never handed over as a built payload
    }
}
