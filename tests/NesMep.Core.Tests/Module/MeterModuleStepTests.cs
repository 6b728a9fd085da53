using NesMep.Core.Model;
using NesMep.Core.Module;
using NesMep.Core.Platform;
using NesMep.Core.Polling;
using NesMep.Simulator;
using Xunit;
using Xunit.Abstractions;

namespace NesMep.Core.Tests.Module;

/// <summary>
/// The step/due-time contract on virtual time against the simulated meter: stepping only at the due time
/// Step returns (or when bytes arrive) sends every request and handles every reply at the same virtual
/// times as stepping every millisecond, and sleeps in between instead of spinning.
/// </summary>
public class MeterModuleStepTests
{
    private const long Minute = 60_000;
    private readonly ITestOutputHelper _out;

    public MeterModuleStepTests(ITestOutputHelper output)
    {
        _out = output;
    }

    [Theory]
    [InlineData("none")]
    [InlineData("realistic")]
    public void Stepping_at_the_due_time_sends_and_handles_everything_at_the_same_times_as_stepping_every_millisecond(string faults)
    {
        var spin = new ModuleRig(faults);
        var due = new ModuleRig(faults);
        spin.RunSpin(5 * Minute, 1);
        due.RunDue(5 * Minute);

        Assert.True(spin.Meter.RequestLog.Count > 200, "requests in 5 minutes: " + spin.Meter.RequestLog.Count);
        Assert.Equal(Describe(spin.Meter.RequestLog), Describe(due.Meter.RequestLog));
        Assert.Equal(spin.Reading.UpdatedMs(Quantity.PowerImportW), due.Reading.UpdatedMs(Quantity.PowerImportW));
        Assert.Equal(spin.Reading.UpdatedMs(Quantity.EnergyImportWh), due.Reading.UpdatedMs(Quantity.EnergyImportWh));
        Assert.Equal(spin.Module.Side.Link.Counters.Requests, due.Module.Side.Link.Counters.Requests);
    }

    [Fact]
    public void Stepping_at_the_due_time_never_handles_a_reply_later_than_the_old_2_ms_spin()
    {
        var spin = new ModuleRig();
        var due = new ModuleRig();
        spin.RunSpin(3 * Minute, 2);
        due.RunDue(3 * Minute);

        IReadOnlyList<RequestRecord> old = spin.Meter.RequestLog;
        IReadOnlyList<RequestRecord> now = due.Meter.RequestLog;
        Assert.True(now.Count >= old.Count, $"{now.Count} requests against {old.Count} with the spin");
        for (int i = 0; i < old.Count; i++)
        {
            Assert.Equal(old[i].TableId, now[i].TableId);
            Assert.True(now[i].ArrivedMs <= old[i].ArrivedMs, $"request {i} arrived at {now[i].ArrivedMs}, with the 2 ms spin at {old[i].ArrivedMs}");
        }
    }

    [Fact]
    public void The_loop_sleeps_between_due_times_instead_of_spinning()
    {
        var rig = new ModuleRig();
        rig.RunDue(Minute); // start-up and configuration reads
        long steps = rig.RunDue(11 * Minute);
        long perMinute = steps / 10;
        long requestsPerMinute = rig.Module.Side.Link.Counters.Requests / 11;
        _out.WriteLine($"steps per virtual minute: {perMinute} (a 2 ms spin: 30000); requests per minute {requestsPerMinute}");

        // A few steps per request (send, first reply byte, every 16 bytes, the end of the reply), no more:
        // measured 677 against 30,000 for the old 2 ms spin.
        Assert.InRange(perMinute, 2 * requestsPerMinute, 1500);
    }

    [Fact]
    public void A_queued_console_read_wakes_the_loop_and_goes_at_once()
    {
        var rig = new ModuleRig();
        rig.RunDue(Minute);
        var wake = new CountingWake();
        rig.Module.Waker = wake;
        var read = new ManualRead();
        read.Request.SetFullRead(NesMep.Core.Tables.TableIds.BT01);
        lock (rig.Module.Gate)
        {
            Assert.True(rig.Module.Side.Poller.TryQueueManual(read));
        }

        Assert.Equal(1, wake.Count);
        long due = rig.Module.Step();
        Assert.True(due <= rig.Clock.NowMs + 600, "the console read is sent now or as soon as the link is free: due " + (due - rig.Clock.NowMs) + " ms ahead");
        rig.RunDue(rig.Clock.NowMs + 2000);
        Assert.Equal(ManualRead.StateDone, read.State);
    }

    [Fact]
    public void An_exception_in_a_step_is_logged_and_polling_goes_on()
    {
        var rig = new ModuleRig();
        var faulty = new ThrowingTransport();
        rig.WrapTransport = t => faulty.Wrap(t);
        rig.Module.ApplySettings(new RigSettings("faulty"));
        rig.RunDue(Minute);
        faulty.ThrowNext = true;
        long before = rig.Reading.UpdatedMs(Quantity.PowerImportW);
        rig.RunDue(2 * Minute);

        Assert.Contains(rig.Log.Lines, l => l == "Error meter poll loop: InvalidOperationException: test fault; polling goes on");
        Assert.True(rig.Reading.UpdatedMs(Quantity.PowerImportW) > before + 30_000, "power kept updating after the exception");
    }

    private static List<string> Describe(IReadOnlyList<RequestRecord> log) =>
        log.Select(r => $"{r.ArrivedMs} {r.ProcessedMs} {r.RequestCode:X2} {r.TableId:X4} {r.Sequence:X8} {r.ResponseCode:X2} {r.Faults}").ToList();

    private sealed class CountingWake : IWake
    {
        public int Count { get; private set; }

        public void Wake() => Count++;
    }

    private sealed class ThrowingTransport : IByteTransport
    {
        private IByteTransport _inner = null!;

        public bool ThrowNext { get; set; }

        public IByteTransport Wrap(IByteTransport inner)
        {
            _inner = inner;
            return this;
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            if (ThrowNext)
            {
                ThrowNext = false;
                throw new InvalidOperationException("test fault");
            }

            return _inner.Read(buffer, offset, count);
        }

        public void Write(byte[] buffer, int offset, int count) => _inner.Write(buffer, offset, count);
    }
    [Fact]
    public void A_step_that_changed_the_reading_wakes_the_reading_listener_and_other_steps_do_not()
    {
        var rig = new ModuleRig();
        var wake = new CountingWake();
        rig.Module.ReadingChanged = wake;
        long steps = rig.RunDue(Minute);
        int changes = rig.Reading.Changes;
        _out.WriteLine($"reading-change wakes in the first minute: {wake.Count} of {steps} steps, {changes} reading changes");

        Assert.True(wake.Count > 10, "the simulated household's power changes every read");
        Assert.True(wake.Count <= changes + 4, "at most one wake per change (plus link up, serial, first reading)");
        Assert.True(wake.Count < steps / 4, "steps that only moved bytes wake nobody");
    }
}
