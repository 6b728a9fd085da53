namespace NesMep.Core.Provisioning
{
    /// <summary>Where <see cref="ProvisioningMachine"/> is in this boot (docs/firmware.md, "First boot, access point and setup security").</summary>
    public static class ProvisioningState
    {
        /// <summary>Before <see cref="ProvisioningMachine.Boot"/>.</summary>
        public const int Booting = 0;

        /// <summary>Access point, not set up yet: the portal leads to the first password, Wi-Fi, meter key, MQTT.</summary>
        public const int Setup = 1;

        /// <summary>Station, trying to join the saved network (since boot or since the connection was lost).</summary>
        public const int Joining = 2;

        /// <summary>Station, joined.</summary>
        public const int Connected = 3;

        /// <summary>Access point because the station could not join or the button was held; goes back to the station later.</summary>
        public const int Fallback = 4;

        /// <summary>A reboot was asked for (to apply another radio mode); nothing else happens until it.</summary>
        public const int Rebooting = 5;

        public static string Name(int state)
        {
            switch (state)
            {
                case Setup:
                    return "setup";
                case Joining:
                    return "joining";
                case Connected:
                    return "connected";
                case Fallback:
                    return "fallback";
                case Rebooting:
                    return "rebooting";
                default:
                    return "booting";
            }
        }
    }
}
