// Facade of nanoFramework.ResourceManager 1.2.32 (NuGet package nanoFramework.ResourceManager), System.Resources.ResourceManager and nanoFramework.Runtime.Native.ResourceUtility.
// Declarations only, written by us from the upstream nanoframework/nanoFramework.ResourceManager sources; build-time use only, never shipped.
// 1.2.32 is the version the nanoframework/Samples WiFiAP sample pairs with CoreLibrary 1.17.11. The toolchain generates
// a Resources class with an enum per resource kind; ResourceUtility.GetObject with offset and length returns one chunk
// of a binary resource, so a gzip'd UI file can be streamed without holding all of it on the heap.
namespace System.Resources
{
    public class ResourceManager
    {
        public ResourceManager(string baseName, System.Reflection.Assembly assembly) => throw null;
    }
}

namespace nanoFramework.Runtime.Native
{
    public static class ResourceUtility
    {
        public static object GetObject(System.Resources.ResourceManager rm, System.Enum id) => throw null;
        public static object GetObject(System.Resources.ResourceManager rm, System.Enum id, int offset, int length) => throw null;
    }
}
