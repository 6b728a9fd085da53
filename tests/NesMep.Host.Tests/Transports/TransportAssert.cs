using NesMep.Core.Platform;
using Xunit;

namespace NesMep.Host.Tests.Transports;

/// <summary>Polling helpers: real devices deliver bytes asynchronously, so read until a deadline.</summary>
internal static class TransportAssert
{
    public const int TimeoutMs = 3000;

    public static byte[] ReadExactly(IByteTransport transport, int count, int timeoutMs = TimeoutMs)
    {
        var result = new byte[count];
        int got = 0;
        long deadline = Environment.TickCount64 + timeoutMs;
        while (got < count)
        {
            int n = transport.Read(result, got, count - got);
            got += n;
            if (n == 0)
            {
                Assert.True(Environment.TickCount64 < deadline, $"timed out: received {got} of {count} bytes");
                Thread.Sleep(1);
            }
        }

        return result;
    }

    /// <summary>Nothing more arrives for a short while (no echo, no expansion of CR/LF).</summary>
    public static void Quiet(IByteTransport transport, int ms = 50)
    {
        var scratch = new byte[64];
        long until = Environment.TickCount64 + ms;
        while (Environment.TickCount64 < until)
        {
            int n = transport.Read(scratch, 0, scratch.Length);
            Assert.True(n == 0, $"unexpected {n} extra byte(s), first 0x{scratch[0]:X2}");
            Thread.Sleep(2);
        }
    }

    public static void SendAndExpect(IByteTransport from, IByteTransport to, byte[] data)
    {
        from.Write(data, 0, data.Length);
        Assert.Equal(data, ReadExactly(to, data.Length));
        Quiet(to);
        Quiet(from);
    }

    public static byte[] AllByteValues()
    {
        return Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
    }

    public static byte[] Burst(int length, int seed)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }
}
