using NesMep.Core.Polling;
using Xunit;

namespace NesMep.Core.Tests.Polling;

public class ProcedureSequenceTests
{
    [Fact]
    public void Numbers_cycle_five_to_nine_and_never_repeat_back_to_back()
    {
        var psn = new ProcedureSequence();
        Assert.Equal(0, psn.Current);
        int[] seen = Enumerable.Range(0, 12).Select(_ => psn.Next()).ToArray();
        Assert.Equal(new[] { 5, 6, 7, 8, 9, 5, 6, 7, 8, 9, 5, 6 }, seen);
    }
}
