namespace NesMep.Core.Network
{
    /// <summary>
    /// A transport-free UDP service: one request datagram in, at most one reply out. The UDP adapter (socket on
    /// the device, <c>UdpResponderHost</c> on Linux) owns the sockets and the buffers and sends what this returns.
    /// </summary>
    public interface IDatagramResponder
    {
        /// <summary>
        /// Answers <paramref name="length"/> bytes of <paramref name="request"/> that came from UDP port
        /// <paramref name="sourcePort"/>. Writes the reply into <paramref name="response"/> (at least
        /// <see cref="Dns.MaxUdpPayload"/> bytes) and returns its length, or 0 with <paramref name="target"/>
        /// <see cref="ReplyTarget.None"/> when nothing is to be sent. Never throws on any packet content.
        /// </summary>
        int Respond(byte[] request, int length, int sourcePort, byte[] response, out ReplyTarget target);
    }
}
