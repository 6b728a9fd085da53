// Facade of System.IO.Streams 1.1.96 (NuGet package nanoFramework.System.IO.Streams), System.IO.SeekOrigin.
// Declarations only, written by us from the upstream nanoframework/System.IO.Streams sources; build-time use only, never shipped.
namespace System.IO
{
    [Serializable]
    public enum SeekOrigin
    {
        Begin = 0,
        Current = 1,
        End = 2,
    }
}
