// Facade of nanoFramework.Runtime.Native 1.6.12 (NuGet package nanoFramework.Runtime.Native; 1.17-era patch not pinned, see report), nanoFramework.Runtime.Native.Rtc.
// Declarations only, written from the upstream nanoframework/nanoFramework.Runtime.Native sources; build-time use only, never shipped.
namespace nanoFramework.Runtime.Native
{
    public static class Rtc
    {
        public static bool SetSystemTime(System.DateTime time) => throw null;
    }
}
