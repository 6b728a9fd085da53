namespace NesMep.Firmware.Network
{
    /// <summary>What the adapters ask of the network side: the mode, the module's address, who may run the first-start setup.</summary>
    internal interface INetworkMode
    {
        /// <summary>True while the module runs its own access point (setup or fallback), false as a station.</summary>
        bool AccessPoint { get; }

        /// <summary>The module's IPv4 address ("0.0.0.0" while it has none).</summary>
        string Address { get; }

        /// <summary>Whether a request that came in on <paramref name="local"/> from <paramref name="remote"/> may choose the first web password.</summary>
        bool SetupAllowed(string local, string remote);
    }
}
