namespace NesMep.Core.Platform
{
    /// <summary>
    /// A byte pipe to the meter (UART, pseudo-terminal, TCP). Reads never block.
    /// </summary>
    public interface IByteTransport
    {
        /// <summary>Copies up to <paramref name="count"/> received bytes; returns 0 when none are waiting.</summary>
        int Read(byte[] buffer, int offset, int count);

        /// <summary>Queues bytes for sending.</summary>
        void Write(byte[] buffer, int offset, int count);
    }
}
