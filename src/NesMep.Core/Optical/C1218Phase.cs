namespace NesMep.Core.Optical
{
    /// <summary>Where the optical session stands (reference §13.2: Identify → Negotiate → Logon → Security → reads → Logoff → Terminate).</summary>
    public enum C1218Phase
    {
        /// <summary>No session; the next read starts one.</summary>
        Closed = 0,
        Identify = 1,
        Negotiate = 2,
        Logon = 3,
        Security = 4,

        /// <summary>Session open, no service outstanding.</summary>
        Open = 5,
        Reading = 6,

        /// <summary>Wait service outstanding (keep-alive).</summary>
        Waiting = 7,
        Logoff = 8,
        Terminate = 9,
    }
}
