namespace NesMep.Core.Web
{
    /// <summary>One logged-in browser: its cookie id and the CSRF token its POSTs must carry.</summary>
    public sealed class Session
    {
        // Both set by SessionStore.Create; empty only between construction and that.
        public string Id = "";
        public string CsrfToken = "";
        public long CreatedMs;
        public long LastSeenMs;
    }
}
