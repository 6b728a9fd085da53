namespace NesMep.Core.Lifecycle
{
    /// <summary>Why the module (re)started, as boot records name it (docs/firmware.md, "Boot records").</summary>
    public static class BootReason
    {
        /// <summary>No reboot was asked for: power was cut or came back, the reset button, or a native crash (the device cannot tell these apart).</summary>
        public const int PowerOn = 0;

        /// <summary>The software watchdog: a thread stopped beating (the detail names it).</summary>
        public const int Watchdog = 1;

        /// <summary>Reboot to start an uploaded set on trial.</summary>
        public const int UpdateTrial = 2;

        /// <summary>A trial set was not confirmed: the previous set is back.</summary>
        public const int Rollback = 3;

        /// <summary>Someone asked for it (web UI, a setting that needs a restart).</summary>
        public const int UserRequest = 4;

        /// <summary>An exception nobody handled ended the application (the detail names it).</summary>
        public const int Crash = 5;

        /// <summary>The button cleared the settings.</summary>
        public const int FactoryReset = 6;

        public const int Count = 7;

        public static string Name(int reason)
        {
            switch (reason)
            {
                case Watchdog:
                    return "watchdog";
                case UpdateTrial:
                    return "update_trial";
                case Rollback:
                    return "rollback";
                case UserRequest:
                    return "user_request";
                case Crash:
                    return "crash";
                case FactoryReset:
                    return "factory_reset";
                default:
                    return "power_on";
            }
        }

        /// <summary>The reason of a name, or -1.</summary>
        public static int Parse(string name)
        {
            for (int i = 0; i < Count; i++)
            {
                if (Name(i) == name)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
