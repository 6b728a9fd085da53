using System.IO;
using NesMep.Core.Web;

namespace NesMep.Firmware.Web
{
    /// <summary>
    /// A request body the core reads itself as it arrives (an update upload, RouteTable.StreamsBody), over the
    /// listener's input stream with a read timeout: a client that stops sending ends the upload with an error instead
    /// of stalling the web thread (a timeout or a reset reads as the end, which the core finds short of Content-Length).
    /// </summary>
    internal sealed class StreamBody : IRequestBody
    {
        private readonly Stream _input;
        private long _left;

        /// <param name="length">Content-Length, or -1 when the client gave none (read until the stream ends).</param>
        public StreamBody(Stream input, long length, int timeoutMs)
        {
            _input = input;
            _input.ReadTimeout = timeoutMs;
            _left = length < 0 ? long.MaxValue : length;
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            if (_left <= 0)
            {
                return 0;
            }

            if (count > _left)
            {
                count = (int)_left;
            }

            int n;
            try
            {
                n = _input.Read(buffer, offset, count);
            }
            catch (System.Exception)
            {
                // A timeout or a closed connection is the end of the body: the core finds it short and refuses it.
                _left = 0;
                return 0;
            }

            if (n > 0)
            {
                _left -= n;
            }

            return n < 0 ? 0 : n;
        }
    }
}
