// Facade of nanoFramework.Runtime.Native 1.6.12 (NuGet package nanoFramework.Runtime.Native; 1.17-era patch not pinned, see report), nanoFramework.Runtime.Native.Power and RebootEventHandler.
// Declarations only, written from the upstream nanoframework/nanoFramework.Runtime.Native sources; build-time use only, never shipped.
namespace nanoFramework.Runtime.Native
{
    public delegate void RebootEventHandler();

    public class Power
    {
        public Power() => throw null;
        public static event RebootEventHandler OnRebootEvent { add => throw null; remove => throw null; }
        public static void RebootDevice() => throw null;
        public static void RebootDevice(int exeConstraintTimeout) => throw null;
    }
}
