using NesMep.Core.Platform;
using Xunit;

namespace NesMep.Core.Tests.Platform;

public class LogRingTests
{
    [Fact]
    public void Keeps_the_newest_lines_oldest_first_when_full()
    {
        var ring = new LogRing(3);
        foreach (string line in new[] { "a", "b", "c", "d", "e" })
        {
            ring.Add(line);
        }

        Assert.Equal(new[] { "c", "d", "e" }, ring.Snapshot());
    }

    [Fact]
    public void Snapshot_of_a_partly_filled_ring_holds_only_what_was_added()
    {
        var ring = new LogRing(4);
        ring.Add("one");
        Assert.Equal(new[] { "one" }, ring.Snapshot());
        Assert.Empty(new LogRing(2).Snapshot());
    }

    [Fact]
    public void A_line_break_inside_a_line_cannot_forge_a_second_line()
    {
        var ring = new LogRing(4);
        ring.Add("mqtt user x\n2026-12-02 INFO forged");
        string[] lines = ring.Snapshot();
        Assert.Single(lines);
        Assert.DoesNotContain('\n', lines[0]);
        Assert.Contains("\\n", lines[0], StringComparison.Ordinal);
    }
}
