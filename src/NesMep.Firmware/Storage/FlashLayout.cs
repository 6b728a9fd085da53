namespace NesMep.Firmware.Storage
{
    /// <summary>
    /// Where the firmware keeps its files on the internal flash drive I: (littlefs, 256 KB on the stock 4 MB partition
    /// table, shared with nothing of nanoFramework's own: the Wi-Fi/AP configuration and the certificate store live in
    /// the CLR's configuration block, not on I:). Everything of ours is under one folder so a user's own files (CA
    /// certificates deployed with nanoff --filedeployment) stay apart. The budget is in docs/firmware.md,
    /// "Flash layout of I:".
    /// </summary>
    internal static class FlashLayout
    {
        public const string Drive = "I:\\";

        /// <summary>Our folder.</summary>
        public const string Root = "I:\\nesmep";

        /// <summary>The settings (core SettingsCodec text, about 2 KB) kept by SafeFileStore: also .new, .bak while saving, .rejected* copies.</summary>
        public const string Settings = "I:\\nesmep\\settings.txt";

        /// <summary>The lifecycle's folder (update sets, their state, boot records: docs/firmware.md "Updates, rollback and recovery"); the core adds the names.</summary>
        public const string LifecycleRoot = Root + "\\";

        /// <summary>Certificates: a relative mqtt.ca_file setting ("ca.pem") is looked up here.</summary>
        public const string Certificates = "I:\\nesmep\\certs";

        /// <summary>The path of a certificate setting: absolute paths (I:\...) as given, bare names under <see cref="Certificates"/>.</summary>
        public static string Certificate(string setting)
        {
            if (setting.Length > 2 && setting.Substring(1, 2) == ":\\")
            {
                return setting;
            }

            return Certificates + "\\" + setting;
        }
    }
}
