using NesMep.Core.Link;
using NesMep.Core.Optical;
using NesMep.Core.Platform;
using NesMep.Core.Tests.Support;
using Xunit;

namespace NesMep.Core.Tests.Optical;

/// <summary>Steady reads over an open optical session allocate nothing in the link (issue 13 item 1).</summary>
public class C1218LinkAllocationTests
{
    /// <summary>A meter that answers from packets built up front, so only the link can allocate.</summary>
    private sealed class CannedMeter : IByteTransport
    {
        private readonly byte[][] _replies = new byte[256 * 2][];
        private readonly byte[] _out = new byte[4096];
        private int _head;
        private int _tail;
        private bool _toggle;

        public CannedMeter()
        {
            byte[] data = new byte[40];
            for (int i = 0; i < data.Length; i++)
            {
                data[i] = (byte)(i * 7);
            }

            byte[] read = new byte[data.Length + 4];
            C1218Services.WriteReadReply(data, 0, data.Length, read, 0);
            Build(C1218Codes.Identify, new byte[] { 0, 0, 1, 0, 0 });
            Build(C1218Codes.NegotiateOneBaud, new byte[] { 0, 1, 0, 1, 6 });
            Build(C1218Codes.Logon, new byte[] { 0 });
            Build(C1218Codes.Security, new byte[] { 0 });
            Build(C1218Codes.Wait, new byte[] { 0 });
            Build(C1218Codes.PartialRead, read);
        }

        private void Build(byte code, byte[] reply)
        {
            for (int t = 0; t < 2; t++)
            {
                var p = new byte[reply.Length + C1218Codes.Overhead];
                C1218Packet.Write(0, C1218Packet.Control(t == 1, 0, 1), 0, reply, 0, reply.Length, p, 0);
                _replies[code * 2 + t] = p;
            }
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            int n = 0;
            while (n < count && _head != _tail)
            {
                buffer[offset + n++] = _out[_head];
                _head = (_head + 1) % _out.Length;
            }

            return n;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            if (count < C1218Codes.Overhead + 1)
            {
                return; // the client's ACK
            }

            Put(C1218Codes.Ack);
            byte[] reply = _replies[buffer[offset + C1218Codes.HeaderLength] * 2 + (_toggle ? 1 : 0)];
            _toggle = !_toggle;
            for (int i = 0; i < reply.Length; i++)
            {
                Put(reply[i]);
            }
        }

        private void Put(byte b)
        {
            _out[_tail] = b;
            _tail = (_tail + 1) % _out.Length;
        }
    }

    [Fact]
    public void Steady_partial_reads_and_keep_alives_allocate_nothing()
    {
        var clock = new VirtualClock();
        var link = new C1218Link(new CannedMeter(), clock, new byte[20], new C1218LinkSettings(), null);

        int failed = 0;
        void ReadOnce()
        {
            link.SubmitPartialRead(0x17, 0, 40);
            for (int t = 0; t < 1000 && link.Poll() != LinkEvent.Completed; t++)
            {
                clock.Advance(1);
            }

            if (link.LastResult != LinkResult.Ok)
            {
                failed++;
            }

            for (int t = 0; t < 500; t++)
            {
                link.Poll();
                clock.Advance(10);
            }
        }

        ReadOnce();
        ReadOnce();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 200; i++)
        {
            ReadOnce();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, failed);
        Assert.Equal(0, allocated);
        Assert.Equal(1, link.Counters.Sessions);
        Assert.True(link.Counters.KeepAlives >= 200);
    }
}
