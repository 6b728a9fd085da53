// Facade of nanoFramework.TestFramework 3.0.80 (NuGet package nanoFramework.TestFramework, CoreLibrary 1.x line), nanoFramework.TestFramework.TestMethodAttribute.
// Declarations only, written from the upstream nanoframework/nanoFramework.TestFramework sources; build-time use only, never shipped.
namespace nanoFramework.TestFramework
{
    [System.AttributeUsage(System.AttributeTargets.Method, AllowMultiple = false)]
    public class TestMethodAttribute : System.Attribute
    {
        public TestMethodAttribute() => throw null;
    }
}
