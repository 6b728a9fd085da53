// Facade of System.Net.Http 1.5.207 (NuGet package nanoFramework.System.Net.Http.Server), System.Net.WebHeaderCollection.
// Declarations only, written by us from the upstream nanoframework/System.Net.Http sources; build-time use only, never shipped.
// Add concatenates onto an existing header of the same name; Set replaces it. Restricted headers (Content-Length,
// Content-Type, Connection, ...) must be set through the response properties instead.
namespace System.Net
{
    public class WebHeaderCollection
    {
        public WebHeaderCollection() => throw null;
        public string this[string name] { get => throw null; set => throw null; }
        public void Add(string name, string value) => throw null;
        public void Add(string header) => throw null;
        public void Set(string name, string value) => throw null;
        public void Remove(string name) => throw null;
        public string[] GetValues(string header) => throw null;
        public byte[] ToByteArray() => throw null;
        public override string ToString() => throw null;
    }
}
