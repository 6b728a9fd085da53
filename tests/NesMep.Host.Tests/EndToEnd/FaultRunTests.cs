using System.Diagnostics;
using NesMep.Core.Link;
using NesMep.Core.Model;
using NesMep.Core.Platform;
using NesMep.Core.Polling;
using NesMep.Core.Protocol;
using NesMep.Simulator;
using Xunit;
using Xunit.Abstractions;

namespace NesMep.Host.Tests.EndToEnd;

/// <summary>
/// Hours of simulated meter time under a virtual clock, in process: simulator + SimulatedLine +
/// MepLink + MeterPoller + MeterReading, every fault rate turned up. After every step each newly
/// published value is compared with what the simulated meter really had at the time of the read,
/// so a damaged frame that slipped past the digest check would be caught.
/// </summary>
[Collection("EndToEnd")]
public class FaultRunTests
{
    private const int StepMs = 1;

    /// <summary>How far back a published value may have been measured (late replies, retransmits, resets).</summary>
    private const int MaxReadAgeSeconds = 15;

    private static readonly MepKey Key = MepKey.Parse("Utility-MBK-0123456!");

    private readonly ITestOutputHelper _output;

    public FaultRunTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void Two_hours_of_aggressive_faults_never_publish_a_damaged_value_and_energy_never_decreases()
    {
        var rig = new Rig(MeterProfile.Gen3Demand(), f =>
        {
            f.Seed = 20240621;
            f.ByteCorruptionRate = 0.002;
            f.ByteLossRate = 0.001;
            f.DropReplyRate = 0.05;
            f.LateReplyRate = 0.05;
            f.DuplicateReplyRate = 0.02;
            f.SequenceJumpRate = 0.005;
            f.NoiseRatePerSecond = 0.2;
            f.LockUpRate = 1.0 / 1200; // about one request a second: one lock-up per ~20 min
        });

        var sw = Stopwatch.StartNew();
        long end = rig.Clock.NowMs + (2 * 3600 * 1000);
        long stepsWithPower = 0;
        long steps = 0;
        long maxPowerAgeMs = 0;
        while (rig.Clock.NowMs < end)
        {
            rig.Step(StepMs);
            steps++;
            long now = rig.Clock.NowMs;
            if (now > 60_000)
            {
                // After the first minute (start-up and configuration) power must stay available.
                if (rig.Reading.IsAvailable(Quantity.PowerImportW, now))
                {
                    stepsWithPower++;
                }

                maxPowerAgeMs = Math.Max(maxPowerAgeMs, rig.Reading.AgeMs(Quantity.PowerImportW, now));
            }
        }

        sw.Stop();
        MepLinkCounters c = rig.Link.Counters;
        FaultCounters f = rig.Meter.Faults.Counters;
        _output.WriteLine($"wall {sw.ElapsedMilliseconds} ms for {steps} steps; faults: {f}");
        _output.WriteLine($"link: requests={c.Requests} ok={c.CompletedOk} retransmits={c.Retransmits} timeouts={c.Timeouts} digest={c.DigestFailures} " +
            $"0x0C={c.SequenceErrors} mismatched={c.MismatchedReplies} malformed={c.MalformedReplies} unsolicited={c.UnsolicitedFrames} " +
            $"resets={c.TransceiverResets} abandoned={c.Abandoned} alerts={c.Alerts}");
        _output.WriteLine($"checked: {rig.PowerReadsChecked} power reads, {rig.SlowValuesChecked} slow values, {rig.EnergyReadsChecked} energy reads; " +
            $"power available {100.0 * stepsWithPower / (steps - 60_000 / StepMs):F2}% of the time, max age {maxPowerAgeMs} ms; decode errors {rig.Reading.DecodeErrors}");

        // The faults really happened...
        Assert.True(f.BytesCorrupted > 100, "corrupted bytes: " + f.BytesCorrupted);
        Assert.True(f.BytesLost > 50, "lost bytes: " + f.BytesLost);
        Assert.True(f.RepliesDropped > 50 && f.RepliesDelayed > 50 && f.RepliesDuplicated > 20, f.ToString());
        Assert.True(f.SequenceJumps > 5 && f.NoiseBursts > 100 && f.LockUps >= 2, f.ToString());

        // ...were caught by the link...
        Assert.True(c.DigestFailures > 0, "digest failures: " + c.DigestFailures);
        Assert.True(c.SequenceErrors > 0, "0x0C replies: " + c.SequenceErrors);
        Assert.True(c.Timeouts > 0 && c.Retransmits > 0);
        Assert.True(c.TransceiverResets > 0, "transceiver resets: " + c.TransceiverResets);
        // A 0x0B frame has no digest to verify, so corrupted bytes can occasionally look like one; the
        // link then resends once instead of backing off. It must stay rare.
        Assert.True(c.AuthenticationFailures <= 3, "0x0B replies: " + c.AuthenticationFailures);
        Assert.Equal(0, rig.Reading.DecodeErrors);

        // ...and never reached a published value (checked after every step in Rig.Step).
        Assert.True(rig.PowerReadsChecked > 4000, "power reads: " + rig.PowerReadsChecked);
        Assert.True(rig.EnergyReadsChecked > 600, "energy reads: " + rig.EnergyReadsChecked);
        Assert.True(rig.SlowValuesChecked > 100, "slow values: " + rig.SlowValuesChecked);
        Assert.True(rig.ExportEnergyRose, "export energy should grow with the midday solar production");
        Assert.Equal(0, rig.Reading.ImportFilter.Decreases + rig.Reading.ExportFilter.Decreases);

        // The service kept its values: never stale after the start, and fresh most of the time.
        Assert.Equal(steps - (60_000 / StepMs), stepsWithPower);
        Assert.True(maxPowerAgeMs < 15_000, "oldest power value: " + maxPowerAgeMs + " ms");
    }

    [Fact]
    public void Link_recovers_from_a_transceiver_lock_up_through_a_reset_within_4_s()
    {
        var rig = new Rig(MeterProfile.Gen3Basic(), _ => { });
        rig.RunFor(20_000);
        Assert.True(rig.Reading.IsAvailable(Quantity.PowerImportW, rig.Clock.NowMs), "link never came up");
        Assert.Equal(0, rig.Link.Counters.TransceiverResets);

        // Lock the transceiver up at different points of the poll cycle.
        int[] offsetsMs = { 0, 137, 411, 650, 888, 1013, 1199 };
        long worst = 0;
        for (int i = 0; i < offsetsMs.Length; i++)
        {
            rig.RunFor(10_000 + offsetsMs[i]);
            int resetsBefore = rig.Link.Counters.TransceiverResets;
            int powerChangesBefore = rig.Line.PowerChanges;
            long lockedAt = rig.Clock.NowMs;
            rig.Meter.Faults.TriggerLockUp();
            Assert.True(rig.Meter.Faults.LockedUp);

            long recoveredAt = -1;
            while (rig.Clock.NowMs - lockedAt < 10_000)
            {
                rig.Step(StepMs);
                if (rig.Reading.UpdatedMs(Quantity.PowerImportW) > lockedAt && !rig.Meter.Faults.LockedUp)
                {
                    recoveredAt = rig.Clock.NowMs;
                    break;
                }
            }

            Assert.True(recoveredAt > 0, $"lock-up {i}: no fresh value within 10 s");
            long took = recoveredAt - lockedAt;
            worst = Math.Max(worst, took);
            _output.WriteLine($"lock-up {i} (+{offsetsMs[i]} ms): fresh values again after {took} ms");
            Assert.Equal(resetsBefore + 1, rig.Link.Counters.TransceiverResets);
            Assert.Equal(powerChangesBefore + 2, rig.Line.PowerChanges); // off, then on again
            Assert.True(took <= 4000, $"lock-up {i}: values back only after {took} ms");
            Assert.True(rig.Reading.IsAvailable(Quantity.EnergyImportWh, rig.Clock.NowMs));
        }

        Assert.Equal(offsetsMs.Length, rig.Meter.Faults.Counters.LockUps);
        _output.WriteLine($"worst recovery {worst} ms");
    }

    /// <summary>
    /// The in-process meter and client under one virtual clock, plus the checker: a record of the
    /// simulated meter's true values per second of model time.
    /// </summary>
    private sealed class Rig
    {
        private readonly Queue<Snapshot> _history = new();
        private readonly long[] _lastChecked = new long[Quantity.Count];
        private readonly int[] _lastValue = new int[Quantity.Count];
        private long _lastSnapshotSecond = -1;

        public Rig(MeterProfile profile, Action<FaultOptions> faults)
        {
            // 08:00 UTC in June = 10:00 Danish summer time: the solar panels export.
            Clock = new VirtualClock(new DateTime(2024, 6, 21, 8, 0, 0, DateTimeKind.Utc));
            var options = new SimulatorOptions { Profile = profile, Mbk = Key };
            options.Household.Solar = true;
            faults(options.Faults);
            Meter = new MeterSimulator(Clock, options);
            Line = new SimulatedLine(Meter);
            Link = new MepLink(Line, Clock, Line, Key, new LinkSettings(), NullLog.Instance);
            Reading = new MeterReading(new QualitySettings());
            Poller = new MeterPoller(Link, Clock, new PollSettings(), Reading, NullLog.Instance);
            Array.Fill(_lastChecked, -1);
            TakeSnapshot();
        }

        public VirtualClock Clock { get; }

        public MeterSimulator Meter { get; }

        public SimulatedLine Line { get; }

        public MepLink Link { get; }

        public MeterReading Reading { get; }

        public MeterPoller Poller { get; }

        public int PowerReadsChecked { get; private set; }

        public int SlowValuesChecked { get; private set; }

        public int EnergyReadsChecked { get; private set; }

        public bool ExportEnergyRose { get; private set; }

        public void RunFor(long ms)
        {
            long end = Clock.NowMs + ms;
            while (Clock.NowMs < end)
            {
                Step(StepMs);
            }
        }

        public void Step(int ms)
        {
            Clock.Advance(ms);

            // Bring the meter's model up to now first: its state only changes on whole seconds, so
            // recording it here catches every state a reply can carry.
            Meter.Tick();
            if (Meter.Load.TimeMs / 1000 != _lastSnapshotSecond)
            {
                TakeSnapshot();
            }

            Poller.Poll();
            CheckPublished();
        }

        private void TakeSnapshot()
        {
            var values = new int[Quantity.Count];
            for (int q = 0; q < Quantity.Count; q++)
            {
                if (!Quantity.IsEnergy(q))
                {
                    values[q] = Meter.Tables.PresentValue(Quantity.SourceId(q));
                }
            }

            _lastSnapshotSecond = Meter.Load.TimeMs / 1000;
            _history.Enqueue(new Snapshot(_lastSnapshotSecond, values, Meter.Tables.SummationValue(0, 0), Meter.Tables.SummationValue(1, 0)));
            while (_history.Count > MaxReadAgeSeconds + 2)
            {
                _history.Dequeue();
            }
        }

        private void CheckPublished()
        {
            long now = Clock.NowMs;

            // The fast group (one BT28 read): the whole tuple must be one real state of the meter.
            long powerAt = Reading.UpdatedMs(Quantity.PowerImportW);
            if (Reading.AgeMs(Quantity.PowerImportW, now) >= 0 && powerAt != _lastChecked[Quantity.PowerImportW])
            {
                var group = new List<int>();
                for (int q = 0; q < Quantity.Count; q++)
                {
                    if (!Quantity.IsEnergy(q) && Reading.AgeMs(q, now) >= 0 && Reading.UpdatedMs(q) == powerAt)
                    {
                        group.Add(q);
                        _lastChecked[q] = powerAt;
                    }
                }

                Assert.True(group.Count >= 20, "power read published only " + group.Count + " values");
                AssertSomeSnapshotMatches(group, powerAt, "power read");
                PowerReadsChecked++;
            }

            // Values of other reads (averages etc. in the slow read): each must be a real value.
            for (int q = 0; q < Quantity.Count; q++)
            {
                if (Quantity.IsEnergy(q) || Reading.AgeMs(q, now) < 0 || Reading.UpdatedMs(q) == _lastChecked[q])
                {
                    continue;
                }

                _lastChecked[q] = Reading.UpdatedMs(q);
                AssertSomeSnapshotMatches(new List<int> { q }, _lastChecked[q], "slow read");
                SlowValuesChecked++;
            }

            // Energy: never decreases, never ahead of the meter's register now, never older than the read window.
            foreach (int q in new[] { Quantity.EnergyImportWh, Quantity.EnergyExportWh })
            {
                if (Reading.AgeMs(q, now) < 0 || Reading.UpdatedMs(q) == _lastChecked[q])
                {
                    continue;
                }

                int value = Reading.Value(q);
                long trueNow = Meter.Tables.SummationValue(q == Quantity.EnergyImportWh ? 0 : 1, 0);
                Snapshot oldest = _history.Peek();
                long lowerBound = q == Quantity.EnergyImportWh ? oldest.ImportWh : oldest.ExportWh;
                Assert.True(value <= trueNow, $"{Quantity.Name(q)} {value} is ahead of the meter's register {trueNow} at {now} ms");
                Assert.True(value >= lowerBound, $"{Quantity.Name(q)} {value} is older than any read could be (register was {lowerBound} {MaxReadAgeSeconds} s ago)");
                if (_lastChecked[q] >= 0)
                {
                    Assert.True(value >= _lastValue[q], $"{Quantity.Name(q)} went down from {_lastValue[q]} to {value} at {now} ms");
                    if (q == Quantity.EnergyExportWh && value > _lastValue[q])
                    {
                        ExportEnergyRose = true;
                    }
                }

                _lastChecked[q] = Reading.UpdatedMs(q);
                _lastValue[q] = value;
                EnergyReadsChecked++;
            }
        }

        private void AssertSomeSnapshotMatches(List<int> quantities, long updatedMs, string what)
        {
            long newestSecond = updatedMs / 1000;
            foreach (Snapshot s in _history)
            {
                if (s.Second > newestSecond || s.Second < newestSecond - MaxReadAgeSeconds)
                {
                    continue;
                }

                if (quantities.All(q => s.Values[q] == Reading.Value(q)))
                {
                    return;
                }
            }

            string published = string.Join(", ", quantities.Select(q => Quantity.Name(q) + "=" + Reading.Value(q)));
            Assert.Fail($"{what} published at {updatedMs} ms matches no state of the meter in the last {MaxReadAgeSeconds} s: {published}");
        }

        private sealed record Snapshot(long Second, int[] Values, long ImportWh, long ExportWh);
    }
}
