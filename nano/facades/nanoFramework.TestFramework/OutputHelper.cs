// Facade of nanoFramework.TestFramework 3.0.80 (NuGet package nanoFramework.TestFramework, CoreLibrary 1.x line), nanoFramework.TestFramework.OutputHelper.
// Declarations only, written from the upstream nanoframework/nanoFramework.TestFramework sources; build-time use only, never shipped.
namespace nanoFramework.TestFramework
{
    public static class OutputHelper
    {
        public static void Write(string message) => throw null;
        public static void WriteLine(string message) => throw null;
    }
}
