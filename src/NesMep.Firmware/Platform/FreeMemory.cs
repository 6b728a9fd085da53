using NesMep.Core.Platform;

namespace NesMep.Firmware.Platform
{
    /// <summary>
    /// Free managed heap, sampled by the supervisor thread (nanoFramework.Runtime.Native.GC.Run runs a collection and
    /// returns the free bytes; it is never called from a request or under the meter lock). Also the gate before an
    /// optional service starts: MQTT, TLS and the web server each need a floor of free heap (docs/firmware.md).
    /// </summary>
    internal sealed class FreeMemory : IMemoryInfo
    {
        /// <summary>Free heap below which the web server is not started (one request slot, sockets, a UI file).</summary>
        public const long WebFloorBytes = 20 * 1024;

        /// <summary>Free heap below which MQTT is not started (client threads, queues, the outbox).</summary>
        public const long MqttFloorBytes = 24 * 1024;

        /// <summary>Extra free heap a TLS connection needs on top of MQTT (mbedTLS session and record buffers).</summary>
        public const long TlsExtraBytes = 40 * 1024;

        private int _free = -1; // int: written by the supervisor, read by request threads (a long could tear on a 32-bit core)
        private int _lowest = int.MaxValue;

        public long FreeBytes
        {
            get { return _free; }
        }

        /// <summary>The smallest sample since boot (-1 before the first).</summary>
        public long LowestBytes
        {
            get { return _lowest == int.MaxValue ? -1 : _lowest; }
        }

        /// <summary>Collects and records the free heap; call from the supervisor thread only.</summary>
        public long Sample()
        {
            uint bytes = nanoFramework.Runtime.Native.GC.Run(false);
            int free = bytes > int.MaxValue ? int.MaxValue : (int)bytes;
            _free = free;
            if (free < _lowest)
            {
                _lowest = free;
            }

            return free;
        }

        /// <summary>True when a fresh sample shows at least <paramref name="floor"/> bytes free.</summary>
        public bool Allows(long floor)
        {
            return Sample() >= floor;
        }
    }
}
