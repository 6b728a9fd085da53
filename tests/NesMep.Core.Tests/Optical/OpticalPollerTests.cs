using NesMep.Core.Link;
using NesMep.Core.Model;
using NesMep.Core.Optical;
using NesMep.Core.Polling;
using NesMep.Core.Protocol;
using NesMep.Core.Tests.Support;
using NesMep.Simulator;
using NesMep.Simulator.Optical;
using Xunit;

namespace NesMep.Core.Tests.Optical;

/// <summary>One poller, two links: the same MeterPoller reads twin simulated meters over MEP and over the optical port.</summary>
public class OpticalPollerTests
{
    private readonly VirtualClock _clock = new();

    private MeterPoller MepPoller(out MeterSimulator meter)
    {
        meter = new MeterSimulator(_clock, new SimulatorOptions());
        var line = new SimulatedLine(meter);
        var link = new MepLink(line, _clock, line, MepKey.DefaultMak(), new LinkSettings(), null);
        return new MeterPoller(link, _clock, new PollSettings(), new MeterReading(new QualitySettings()), null);
    }

    private MeterPoller OpticalPoller(byte[]? key, out OpticalPort port, FaultOptions? faults = null)
    {
        var meter = new MeterSimulator(_clock, new SimulatorOptions());
        port = new OpticalPort(meter, new OpticalOptions { Mk = OpticalRig.Mk, Faults = faults ?? new FaultOptions() });
        var link = new C1218Link(new SimulatedOpticalLine(port), _clock, key, new C1218LinkSettings(), null);
        return new MeterPoller(link, _clock, new PollSettings(), new MeterReading(new QualitySettings()), null);
    }

    private void Run(int ms, params MeterPoller[] pollers)
    {
        for (int t = 0; t < ms; t++)
        {
            foreach (MeterPoller p in pollers)
            {
                p.Poll();
            }

            _clock.Advance(1);
        }
    }

    [Fact]
    public void The_same_poller_gives_the_same_values_over_both_links()
    {
        MeterPoller mep = MepPoller(out _);
        MeterPoller optical = OpticalPoller(OpticalRig.Mk, out OpticalPort port);
        Run(60_000, mep, optical);
        long now = _clock.NowMs;
        int compared = 0;
        for (int q = 0; q < Quantity.Count; q++)
        {
            if (!mep.Reading.IsAvailable(q, now))
            {
                continue;
            }

            Assert.True(optical.Reading.IsAvailable(q, now), "quantity " + q + " missing over optical");
            compared++;
        }

        Assert.True(compared >= 10, compared + " quantities");
        Assert.Equal("optical", optical.Link.LinkName);
        // Twin meters on one clock: the registers agree up to what a few seconds between the reads add.
        Assert.InRange(optical.Reading.Value(Quantity.EnergyImportWh) - mep.Reading.Value(Quantity.EnergyImportWh), -20, 20);
        Assert.Equal(mep.Reading.Value(Quantity.FrequencymHz) / 1000, optical.Reading.Value(Quantity.FrequencymHz) / 1000);
        Assert.Equal(1, port.Stats.Sessions);
        Assert.Equal(0, optical.Link.Counters.Abandoned);
    }

    [Fact]
    public void Under_realistic_faults_energy_over_optical_never_decreases_and_stays_available()
    {
        var faults = new FaultOptions { Seed = 7 }.ApplyRealistic();
        MeterPoller optical = OpticalPoller(OpticalRig.Mk, out OpticalPort port, faults);
        int last = int.MinValue;
        int availableSeconds = 0;
        for (int s = 0; s < 600; s++)
        {
            Run(1000, optical);
            if (optical.Reading.IsAvailable(Quantity.EnergyImportWh, _clock.NowMs))
            {
                availableSeconds++;
                int wh = optical.Reading.Value(Quantity.EnergyImportWh);
                Assert.True(wh >= last, "energy went back from " + last + " to " + wh);
                last = wh;
            }
        }

        Assert.True(availableSeconds >= 590, availableSeconds + " s of 600 available");
        Assert.True(port.Faults.Counters.Total > 0);
    }

    [Fact]
    public void Without_a_key_the_poller_gets_no_readings_and_the_link_says_why()
    {
        MeterPoller optical = OpticalPoller(null, out _);
        Run(20_000, optical);
        Assert.False(optical.Reading.AnyAvailable(_clock.NowMs));
        var link = (C1218Link)optical.Link;
        Assert.Equal(C1218KeyState.NoKey, link.KeyState);
        Assert.Contains("no optical key", link.KeyProblem);
        Assert.Equal("isc", link.LastResponseName);
    }
}
