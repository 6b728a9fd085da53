namespace NesMep.Core.Module
{
    /// <summary>
    /// A transport that can lose its connection (a serial server reached over TCP). It only says whether it
    /// is connected and tries once when asked; when to try is the module's decision (<see cref="ReconnectBackoff"/>).
    /// </summary>
    public interface IMeterConnection
    {
        bool IsConnected { get; }

        /// <summary>Where it connects to, for the log ("host:port").</summary>
        string Endpoint { get; }

        /// <summary>Drops what is left of the connection and connects again; false when that failed. Never throws.</summary>
        bool TryReconnect();
    }
}
