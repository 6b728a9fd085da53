using System;
using NesMep.Core.Platform;

namespace NesMep.Core.NanoTests.Support
{
    /// <summary>Virtual time for the device tests: milliseconds that only move when a test says so.</summary>
    public sealed class NanoClock : IClock
    {
        private static readonly DateTime Epoch = new DateTime(2026, 11, 21, 12, 0, 0);

        public long NowMs { get; private set; }

        public DateTime UtcNow
        {
            get { return Epoch.AddMilliseconds(NowMs); }
        }

        public void Advance(long ms)
        {
            NowMs += ms;
        }
    }
}
