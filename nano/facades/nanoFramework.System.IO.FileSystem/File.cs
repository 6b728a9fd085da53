// Facade of System.IO.FileSystem 1.1.87 (NuGet package nanoFramework.System.IO.FileSystem), System.IO.File, Directory and Path.
// Declarations only, written by us from the upstream nanoframework/System.IO.FileSystem sources; build-time use only, never shipped.
// File.Move throws when the destination exists (no atomic replace): a crash-safe store deletes the old file first
// and must recover from a crash between Delete and Move. Directory.CreateDirectory is not recursive. Only the
// members the storage adapter uses are declared (CreateDirectory's result, if any, is not used).
namespace System.IO
{
    public static class File
    {
        public static bool Exists(string path) => throw null;
        public static void Delete(string path) => throw null;
        public static void Move(string sourceFileName, string destFileName) => throw null;
        public static void Copy(string sourceFileName, string destFileName) => throw null;
        public static void Copy(string sourceFileName, string destFileName, bool overwrite) => throw null;
        public static FileStream Create(string path) => throw null;
    }

    public static class Directory
    {
        public static void CreateDirectory(string path) => throw null;
        public static void Delete(string path, bool recursive = false) => throw null;
        public static bool Exists(string path) => throw null;
        public static string[] GetFiles(string path) => throw null;
        public static string[] GetDirectories(string path) => throw null;
    }

    public static class Path
    {
        public static string Combine(string path1, string path2) => throw null;
        public static string GetDirectoryName(string path) => throw null;
        public static string GetFileName(string path) => throw null;
        public static string GetExtension(string path) => throw null;
    }
}
