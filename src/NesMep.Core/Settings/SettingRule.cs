namespace NesMep.Core.Settings
{
    /// <summary>Checks of a text setting beyond its length and control characters (see <see cref="SettingsValidator"/>).</summary>
    public static class SettingRule
    {
        public const int None = 0;
        public const int HostName = 1;
        public const int MeterKey = 2;
        public const int BrokerHost = 3;
        public const int TopicPrefix = 4;
        public const int ClientId = 5;
        public const int Hash = 6;
        public const int WifiPassword = 7;
        public const int Ssid = 8;
        public const int HttpUrl = 9;
        public const int TimeServers = 10;
        public const int OpticalKey = 11;
    }
}
