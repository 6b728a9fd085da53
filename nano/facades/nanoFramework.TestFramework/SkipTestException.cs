// Facade of nanoFramework.TestFramework 3.0.80 (NuGet package nanoFramework.TestFramework, CoreLibrary 1.x line), nanoFramework.TestFramework.SkipTestException.
// Declarations only, written from the upstream nanoframework/nanoFramework.TestFramework sources; build-time use only, never shipped.
namespace nanoFramework.TestFramework
{
    public class SkipTestException : System.Exception
    {
        public SkipTestException() => throw null;
        public SkipTestException(string message) => throw null;
        public SkipTestException(string message, System.Exception innerException) => throw null;
    }
}
