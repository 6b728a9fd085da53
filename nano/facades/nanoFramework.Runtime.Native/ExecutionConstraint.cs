// Facade of nanoFramework.Runtime.Native 1.6.12 (NuGet package nanoFramework.Runtime.Native; 1.17-era patch not pinned, see report), nanoFramework.Runtime.Native.ExecutionConstraint and ConstraintException.
// Declarations only, written from the upstream nanoframework/nanoFramework.Runtime.Native sources; build-time use only, never shipped.
namespace nanoFramework.Runtime.Native
{
    public class ConstraintException : System.Exception
    {
        public ConstraintException() => throw null;
    }

    public static class ExecutionConstraint
    {
        public static void Install(int timeoutMilliseconds, int priority) => throw null;
    }
}
