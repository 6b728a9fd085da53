namespace NesMep.Core.Provisioning
{
    /// <summary>
    /// The radio configuration nanoFramework applies at boot (reference nanoframework.md §3, "Soft-AP and stored
    /// configuration": AP and station changes take effect only after a reboot), as the firmware reads it back from
    /// the device's configuration block and as <see cref="ProvisioningMachine.WantedRadio"/> asks for it.
    /// </summary>
    public static class RadioMode
    {
        /// <summary>Neither interface is enabled (a fresh flash before the first configuration).</summary>
        public const int None = 0;

        /// <summary>The soft access point at 192.168.4.1 is started at boot; the station does not join any network.</summary>
        public const int AccessPoint = 1;

        /// <summary>The station interface is enabled and the access point disabled.</summary>
        public const int Station = 2;

        public static string Name(int mode)
        {
            switch (mode)
            {
                case AccessPoint:
                    return "access_point";
                case Station:
                    return "station";
                default:
                    return "none";
            }
        }
    }
}
