using System.Reflection;
using nanoFramework.TestFramework;
using Xunit;
using Xunit.Abstractions;

namespace NesMep.Core.Tests.NanoRunner;

/// <summary>
/// Runs every device test of tests/NesMep.Core.NanoTests on net10, one xunit case per [TestMethod], so their
/// logic is proven in every test run; on a board or the nanoclr virtual device the same sources run under the
/// nanoFramework launcher (README, "Device tests").
/// </summary>
public class NanoTestsOnNet10
{
    private readonly ITestOutputHelper _output;

    public NanoTestsOnNet10(ITestOutputHelper output)
    {
        _output = output;
    }

    public static IEnumerable<object[]> Cases()
    {
        foreach (MethodInfo m in NanoTestDiscovery.TestMethods(typeof(NanoTestsOnNet10).Assembly))
        {
            if (m.DeclaringType!.Namespace!.StartsWith("NesMep.Core.NanoTests", StringComparison.Ordinal))
            {
                yield return new object[] { m.DeclaringType.Name + "." + m.Name };
            }
        }
    }

    [Fact]
    public void Every_device_test_class_is_found()
    {
        Xunit.Assert.True(Cases().Count() >= 20, "device tests found: " + Cases().Count());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Device_test_passes_on_net10(string name)
    {
        MethodInfo test = NanoTestDiscovery.TestMethods(typeof(NanoTestsOnNet10).Assembly)
            .Single(m => m.DeclaringType!.Name + "." + m.Name == name);
        NanoTestDiscovery.Run(test, _output.WriteLine);
    }
}
