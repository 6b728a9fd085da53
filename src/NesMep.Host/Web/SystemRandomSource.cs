using System.Security.Cryptography;
using NesMep.Core.Web;

namespace NesMep.Host.Web;

/// <summary>Session ids, CSRF tokens and salts from the operating system's CSPRNG.</summary>
public sealed class SystemRandomSource : IRandomSource
{
    public static readonly SystemRandomSource Instance = new();

    public void Fill(byte[] buffer) => RandomNumberGenerator.Fill(buffer);
}
