using NesMep.Core.Platform;
using NesMep.Core.Protocol;
using NesMep.Simulator.Tests.Support;
using Xunit;

namespace NesMep.Simulator.Tests;

/// <summary>The client-side line (virtual clock) and the real-time pump over a server transport.</summary>
public class LineAndPumpTests
{
    private static byte[] Request(uint seq)
    {
        var buffer = new byte[64];
        int n = MepRequestWriter.Write(new MepRequest().SetFullRead(MeterTableIds.BT52, 512), seq, new MepDigest(MepKey.DefaultMak()), buffer, 0);
        return buffer[..n];
    }

    [Fact]
    public void Simulated_line_carries_a_request_and_its_reply_under_a_virtual_clock()
    {
        var clock = new VirtualClock();
        var line = new SimulatedLine(new MeterSimulator(clock, new SimulatorOptions { InitialSequence = 1 }));
        byte[] first = Request(2);
        line.Write(first, 0, first.Length);

        var got = new List<byte>();
        var buf = new byte[64];
        for (int ms = 0; ms < 100; ms++)
        {
            clock.Advance(1);
            int n = line.Read(buf, 0, buf.Length);
            got.AddRange(buf[..n]);
        }

        Assert.Equal(2 + 3 + 7 + 8, got.Count);
        Assert.Equal(MepCodes.Ok, got[2]);
    }

    [Fact]
    public void Powering_the_line_off_drops_a_pending_reply()
    {
        var clock = new VirtualClock();
        var line = new SimulatedLine(new MeterSimulator(clock, new SimulatorOptions { InitialSequence = 1 }));
        byte[] first = Request(2);
        line.Write(first, 0, first.Length);
        clock.Advance(5);
        line.SetPowered(false);
        clock.Advance(200);
        Assert.Equal(0, line.Read(new byte[64], 0, 64));

        line.SetPowered(true);
        byte[] second = Request(3);
        line.Write(second, 0, second.Length);
        clock.Advance(100);
        Assert.True(line.Read(new byte[64], 0, 64) > 0);
        Assert.Equal(2, line.PowerChanges);
    }

    [Fact]
    public void Pump_serves_a_client_over_a_server_transport_in_real_time()
    {
        var transport = new LoopbackServerTransport();
        var meter = new MeterSimulator(SystemClock.Instance, new SimulatorOptions { InitialSequence = 1 });
        using var pump = new SimulatorPump(meter, transport);
        pump.Start();
        Assert.True(pump.IsRunning);

        transport.ClientSends(Request(2));
        byte[] reply = transport.ClientWaitsFor(20, TimeSpan.FromSeconds(5));

        Assert.Equal(20, reply.Length);
        Assert.Equal(MepCodes.Ok, reply[2]);
        pump.Stop();
        Assert.False(pump.IsRunning);
        Assert.Equal(19, pump.BytesIn);
        Assert.Equal(20, pump.BytesOut);
    }

    [Fact]
    public void Pump_once_moves_bytes_both_ways()
    {
        var clock = new VirtualClock();
        var transport = new LoopbackServerTransport();
        var pump = new SimulatorPump(new MeterSimulator(clock, new SimulatorOptions { InitialSequence = 1 }), transport);
        var buffer = new byte[256];
        transport.ClientSends(Request(2));
        pump.PumpOnce(buffer);
        clock.Advance(100);
        pump.PumpOnce(buffer);
        Assert.Equal(20, transport.ClientWaitsFor(20, TimeSpan.Zero).Length);
    }

    [Fact]
    public void Pump_follows_a_wired_enable_line_and_its_off_clears_a_lock_up()
    {
        var clock = new VirtualClock();
        var transport = new LoopbackServerTransport();
        var enable = new FakeEnableLine { On = false };
        var meter = new MeterSimulator(clock, new SimulatorOptions { InitialSequence = 1 });
        var pump = new SimulatorPump(meter, transport, enableLine: enable);
        var buffer = new byte[256];

        // ENABLE off: the request is lost, nothing answers.
        transport.ClientSends(Request(2));
        PumpFor(pump, clock, buffer, 300);
        Assert.False(meter.Enabled);
        Assert.Empty(transport.ClientWaitsFor(1, TimeSpan.Zero));

        enable.On = true;
        transport.ClientSends(Request(3));
        PumpFor(pump, clock, buffer, 300);
        Assert.Equal(20, transport.ClientWaitsFor(20, TimeSpan.Zero).Length);

        // Locked up: retransmissions every 200 ms go unanswered until ENABLE is switched off and on.
        meter.Faults.TriggerLockUp();
        for (uint seq = 4; seq < 8; seq++)
        {
            transport.ClientSends(Request(seq));
            PumpFor(pump, clock, buffer, 200);
        }

        Assert.True(meter.Faults.LockedUp);
        enable.On = false;
        PumpFor(pump, clock, buffer, 100);
        enable.On = true;
        PumpFor(pump, clock, buffer, 100);
        Assert.False(meter.Faults.LockedUp);
        Assert.Equal(0, meter.Faults.Counters.LockUpsClearedByIdle);
        transport.ClientSends(Request(8));
        PumpFor(pump, clock, buffer, 300);
        Assert.Equal(40, transport.ClientWaitsFor(40, TimeSpan.Zero).Length);
    }

    [Fact]
    public void Pump_leaves_the_meter_as_it_is_while_the_enable_line_cannot_be_read()
    {
        var clock = new VirtualClock();
        var enable = new FakeEnableLine { Readable = false };
        var meter = new MeterSimulator(clock);
        var pump = new SimulatorPump(meter, new LoopbackServerTransport(), enableLine: enable);
        pump.PumpOnce(new byte[64]);
        Assert.True(meter.Enabled);
    }

    private static void PumpFor(SimulatorPump pump, VirtualClock clock, byte[] buffer, int ms)
    {
        for (int i = 0; i < ms; i++)
        {
            pump.PumpOnce(buffer);
            clock.Advance(1);
        }
    }

    [Fact]
    public void System_clock_is_monotonic_and_utc()
    {
        long a = SystemClock.Instance.NowMs;
        Thread.Sleep(5);
        Assert.True(SystemClock.Instance.NowMs >= a + 4);
        Assert.Equal(DateTimeKind.Utc, SystemClock.Instance.UtcNow.Kind);
    }

    private sealed class FakeEnableLine : IEnableLineSense
    {
        public bool On { get; set; } = true;

        public bool Readable { get; set; } = true;

        public bool TryRead(out bool on)
        {
            on = On;
            return Readable;
        }
    }

    /// <summary>Server side of an in-memory connection: what the client sends is read here; writes go to the client.</summary>
    private sealed class LoopbackServerTransport : IByteTransport
    {
        private readonly object _gate = new();
        private readonly Queue<byte> _fromClient = new();
        private readonly List<byte> _toClient = new();

        public void ClientSends(byte[] bytes)
        {
            lock (_gate)
            {
                foreach (byte b in bytes)
                {
                    _fromClient.Enqueue(b);
                }
            }
        }

        public byte[] ClientWaitsFor(int count, TimeSpan timeout)
        {
            DateTime end = DateTime.UtcNow + timeout;
            while (true)
            {
                lock (_gate)
                {
                    if (_toClient.Count >= count || DateTime.UtcNow >= end)
                    {
                        return _toClient.ToArray();
                    }
                }

                Thread.Sleep(2);
            }
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            lock (_gate)
            {
                int n = 0;
                while (n < count && _fromClient.Count > 0)
                {
                    buffer[offset + n++] = _fromClient.Dequeue();
                }

                return n;
            }
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            lock (_gate)
            {
                _toClient.AddRange(buffer.AsSpan(offset, count).ToArray());
            }
        }
    }
}
