using NesMep.Core.Storage;

namespace NesMep.Core.Lifecycle
{
    /// <summary>
    /// What a factory reset deletes: the settings files the adapter names (the settings file and
    /// anything else that holds user settings, such as a CA certificate), each with the helper files
    /// <see cref="SafeFileStore"/> may have left. The update sets, their state and the boot records
    /// stay. The Wi-Fi credentials are settings (docs/firmware.md, "First boot, access point and setup
    /// security"), so without the settings file (and the provisioning record, which the adapter names
    /// too) the module starts its setup access point as on first use.
    /// </summary>
    public static class FactoryReset
    {
        /// <summary>Deletes the files; returns how many existed. Records the reason and asks for the reboot.</summary>
        public static int Run(IFileSystem fs, string[] settingsPaths, DeviceLifecycle lifecycle)
        {
            int deleted = Clear(fs, settingsPaths);
            lifecycle.RequestReboot(BootReason.FactoryReset, "boot button held; " + deleted + " settings files cleared", 0);
            return deleted;
        }

        /// <summary>Deletes each path and its ".new" and ".bak" helpers; returns how many existed.</summary>
        public static int Clear(IFileSystem fs, string[] paths)
        {
            int deleted = 0;
            for (int i = 0; i < paths.Length; i++)
            {
                deleted += DeleteIfThere(fs, paths[i]);
                DeleteIfThere(fs, paths[i] + ".new");
                DeleteIfThere(fs, paths[i] + ".bak");
            }

            return deleted;
        }

        private static int DeleteIfThere(IFileSystem fs, string path)
        {
            if (!fs.Exists(path))
            {
                return 0;
            }

            fs.Delete(path);
            return 1;
        }
    }
}
