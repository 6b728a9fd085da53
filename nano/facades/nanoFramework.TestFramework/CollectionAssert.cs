// Facade of nanoFramework.TestFramework 3.0.80 (NuGet package nanoFramework.TestFramework, CoreLibrary 1.x line), nanoFramework.TestFramework.CollectionAssert.
// Declarations only, written from the upstream nanoframework/nanoFramework.TestFramework sources; build-time use only, never shipped.
using System.Collections;

namespace nanoFramework.TestFramework
{
    public sealed class CollectionAssert
    {
        public CollectionAssert() => throw null;
        public static void Empty(ICollection collection, string message = "") => throw null;
        public static void NotEmpty(ICollection collection, string message = "") => throw null;
        public static void AreEqual(ICollection expected, ICollection actual, string message = "") => throw null;
        public static void AreNotEqual(ICollection notExpected, ICollection actual, string message = "") => throw null;
    }
}
