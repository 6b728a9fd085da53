namespace NesMep.Core.Web
{
    /// <summary>
    /// One HTTP response as the host's server sees it (Kestrel on Linux, nanoFramework.WebServer's
    /// HttpListener on the device). The dispatcher calls <see cref="Status"/> once, then
    /// <see cref="Header"/> for each header, then <see cref="Write"/> for each chunk of the body.
    /// Bodies of routes that read meter state are rendered under the meter lock: a host whose
    /// <see cref="Write"/> may wait for the client must buffer (see docs/api.md, "Dispatch").
    /// </summary>
    public interface IResponseSink
    {
        void Status(int code);

        void Header(string name, string value);

        /// <summary>Copies the bytes out; the buffer is reused for the next chunk as soon as this returns.</summary>
        void Write(byte[] buffer, int offset, int count);
    }
}
