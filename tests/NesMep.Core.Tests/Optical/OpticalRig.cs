using NesMep.Core.Link;
using NesMep.Core.Optical;
using NesMep.Core.Tests.Support;
using NesMep.Simulator;
using NesMep.Simulator.Optical;
using Xunit;

namespace NesMep.Core.Tests.Optical;

/// <summary>The core's C12.18 link against the simulator's optical port, on virtual time.</summary>
internal sealed class OpticalRig
{
    public static readonly byte[] Mk = Key("MK-0123456789abcdefg");
    public static readonly byte[] Pk = Key("PK-0123456789abcdefg");
    public static readonly byte[] Rk = Key("RK-0123456789abcdefg");

    public OpticalRig(byte[]? clientKey, Action<OpticalOptions>? configure = null, SimulatorOptions? meterOptions = null, C1218LinkSettings? settings = null)
    {
        Meter = new MeterSimulator(Clock, meterOptions ?? new SimulatorOptions());
        var options = new OpticalOptions { Mk = Mk, Pk = Pk, Rk = Rk };
        configure?.Invoke(options);
        Port = new OpticalPort(Meter, options);
        Line = new SimulatedOpticalLine(Port);
        Link = new C1218Link(Line, Clock, clientKey, settings ?? new C1218LinkSettings(), Log);
    }

    public VirtualClock Clock { get; } = new();

    public ListLog Log { get; } = new();

    public MeterSimulator Meter { get; }

    public OpticalPort Port { get; }

    public SimulatedOpticalLine Line { get; }

    public C1218Link Link { get; }

    public static byte[] Key(string text) => System.Text.Encoding.ASCII.GetBytes(text);

    /// <summary>Polls in 1 ms steps until the read completes; fails after <paramref name="maxMs"/>.</summary>
    public void Complete(int maxMs = 30000)
    {
        for (int t = 0; t < maxMs; t++)
        {
            if (Link.Poll() == LinkEvent.Completed)
            {
                return;
            }

            Clock.Advance(1);
        }

        Assert.Fail("read did not complete in " + maxMs + " ms; phase " + Link.Phase + ", last error " + Link.LastError);
    }

    /// <summary>Polls for <paramref name="ms"/> of virtual time (idle link: keep-alives, timeouts).</summary>
    public void Idle(int ms)
    {
        for (int t = 0; t < ms; t++)
        {
            Link.Poll();
            Clock.Advance(1);
        }
    }

    public byte[] ReadFull(int table)
    {
        Link.SubmitFullRead(table);
        Complete();
        return Data();
    }

    public byte[] ReadPartial(int table, int offset, int count)
    {
        Link.SubmitPartialRead(table, offset, count);
        Complete();
        return Data();
    }

    public byte[] Data()
    {
        return Link.LastResult == LinkResult.Ok ? Link.Reply.AsSpan(Link.DataOffset, Link.DataCount).ToArray() : Array.Empty<byte>();
    }
}
