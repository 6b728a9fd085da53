// Facade of nanoFramework.Runtime.Native 1.6.12 (NuGet package nanoFramework.Runtime.Native; 1.17-era patch not pinned, see report), nanoFramework.Runtime.Native.SystemInfo.
// Declarations only, written from the upstream nanoframework/nanoFramework.Runtime.Native sources; build-time use only, never shipped.
namespace nanoFramework.Runtime.Native
{
    public static class SystemInfo
    {
        public static System.Version Version => throw null;
        public static string OEMString => throw null;
        public static byte OEM => throw null;
        public static byte Model => throw null;
        public static ushort SKU => throw null;
        public static string TargetName => throw null;
        public static string Platform => throw null;
        public static FloatingPoint FloatingPointSupport => throw null;

        public enum FloatingPoint
        {
            None = 0,
            SinglePrecisionSoftware = 1,
            SinglePrecisionHardware = 2,
            DoublePrecisionSoftware = 3,
            DoublePrecisionHardware = 4,
        }
    }
}
