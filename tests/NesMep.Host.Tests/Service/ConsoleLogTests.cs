using NesMep.Core.Platform;
using NesMep.Host.Service;
using Xunit;

namespace NesMep.Host.Tests.Service;

/// <summary>Issue 14 item 4: whatever a message quotes, one log call writes one line.</summary>
public class ConsoleLogTests
{
    [Fact]
    public void Control_characters_in_a_message_are_escaped_in_the_output_and_the_ring()
    {
        var output = new StringWriter();
        var log = new ConsoleLog(output, LogLevel.Debug);
        log.Write(LogLevel.Info, "mqtt: connected as ha\n2026-01-01T00:00:00.000Z ERROR forged\r\x1b[2J");

        string[] lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string line = Assert.Single(lines);
        Assert.EndsWith("INFO  mqtt: connected as ha\\n2026-01-01T00:00:00.000Z ERROR forged\\r\\u001b[2J", line.TrimEnd('\r'));
        Assert.Equal(line.TrimEnd('\r'), Assert.Single(log.Ring.Snapshot()));
    }

    [Fact]
    public void The_ring_escapes_lines_added_directly()
    {
        var ring = new LogRing(4);
        ring.Add("a\nb\u2028c");
        Assert.Equal("a\\nb\\u2028c", Assert.Single(ring.Snapshot()));
    }
}
