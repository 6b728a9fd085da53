// Facade of nanoFramework.TestFramework 3.0.80 (NuGet package nanoFramework.TestFramework, CoreLibrary 1.x line), TestFrameworkShared.AssertFailedException.
// Declarations only, written from the upstream nanoframework/nanoFramework.TestFramework sources; build-time use only, never shipped.
// Upstream declares this type in namespace TestFrameworkShared (not nanoFramework.TestFramework).
namespace TestFrameworkShared
{
    public class AssertFailedException : System.Exception
    {
        public AssertFailedException() => throw null;
        public AssertFailedException(string msg) => throw null;
        public AssertFailedException(string msg, System.Exception ex) => throw null;
    }
}
