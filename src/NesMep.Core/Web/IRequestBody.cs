namespace NesMep.Core.Web
{
    /// <summary>A request body the host has not read yet (see <see cref="RouteTable.StreamsBody"/>).</summary>
    public interface IRequestBody
    {
        /// <summary>Up to count bytes into buffer[offset..]; 0 at the end of the body (or when the client went away).</summary>
        int Read(byte[] buffer, int offset, int count);
    }
}
