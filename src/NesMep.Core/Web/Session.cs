namespace NesMep.Core.Web
{
    /// <summary>One logged-in browser: its cookie id and the CSRF token its POSTs must carry.</summary>
    public sealed class Session
    {
        public string Id;
        public string CsrfToken;
        public long CreatedMs;
        public long LastSeenMs;
    }
}
