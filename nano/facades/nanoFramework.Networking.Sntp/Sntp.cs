// Facade of nanoFramework.Networking.Sntp 1.6.42 (NuGet package nanoFramework.Networking.Sntp), nanoFramework.Networking.Sntp.
// Declarations only, written by us from the upstream nanoframework/nanoFramework.Networking.Sntp sources; build-time use only, never shipped.
// 1.6.42 is the version the nanoframework/Samples MQTT/AdvancedExample.Azure sample pairs with CoreLibrary 1.17.11.
//
// The client runs natively; after Start() the system clock is set on each successful update, hourly by
// default. There is no "time is valid" flag: the firmware decides that itself (e.g. DateTime.UtcNow past a floor).
namespace nanoFramework.Networking
{
    public static class Sntp
    {
        public static void Start() => throw null;
        public static void Stop() => throw null;
        public static void UpdateNow() => throw null;
        public static bool IsStarted => throw null;
        public static string Server1 { get => throw null; set => throw null; }
        public static string Server2 { get => throw null; set => throw null; }
    }
}
