// Facade of nanoFramework.Runtime.Native 1.6.12 (NuGet package nanoFramework.Runtime.Native; 1.17-era patch not pinned, see report), System.Environment.
// Declarations only, written from the upstream nanoframework/nanoFramework.Runtime.Native sources; build-time use only, never shipped.
// nano mscorlib 1.x has no System.Environment at all; this assembly adds it with TickCount64 only.
namespace System
{
    public static partial class Environment
    {
        public static long TickCount64 => throw null;
    }
}
