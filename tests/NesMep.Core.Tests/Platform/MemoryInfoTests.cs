using NesMep.Core.Api;
using NesMep.Core.Platform;
using NesMep.Core.Tests.Support;
using NesMep.Core.Web;
using Xunit;

namespace NesMep.Core.Tests.Platform;

/// <summary>Free managed memory on the status page and /metrics when the platform has the figure (the device), never on Linux.</summary>
public class MemoryInfoTests
{
    private sealed class FixedMemory(long free) : IMemoryInfo
    {
        public long FreeBytes { get; set; } = free;
    }

    [Fact]
    public void Status_and_metrics_carry_the_free_heap_the_device_sampled()
    {
        var context = new ModuleContext(new ModuleInfo { Memory = new FixedMemory(61234) }, new VirtualClock(), null);
        Assert.Contains("\"free_memory_bytes\":61234", ApiRouter.Render(RouteTable.Status, context));
        Assert.Contains("\nnesmep_free_memory_bytes 61234\n", ApiRouter.Render(RouteTable.Metrics, context));
    }

    [Fact]
    public void Without_a_provider_or_a_sample_the_figure_is_left_out()
    {
        var linux = new ModuleContext(new ModuleInfo(), new VirtualClock(), null);
        var unsampled = new ModuleContext(new ModuleInfo { Memory = new FixedMemory(-1) }, new VirtualClock(), null);
        foreach (var context in new[] { linux, unsampled })
        {
            Assert.DoesNotContain("free_memory", ApiRouter.Render(RouteTable.Status, context));
            Assert.DoesNotContain("nesmep_free_memory_bytes", ApiRouter.Render(RouteTable.Metrics, context));
        }
    }
}
