namespace NesMep.Core.Lifecycle
{
    /// <summary>
    /// An incremental SHA-256, fed as the bytes arrive so an upload is never held in memory. The
    /// nanoFramework 1.x packages have no SHA-256 class (only a one-shot HMACSHA256, see
    /// nano/facades), so the device uses the core's <see cref="Sha256"/>; tests may pass .NET's.
    /// One instance per upload; not shared between threads.
    /// </summary>
    public interface ISha256
    {
        /// <summary>Starts a new hash.</summary>
        void Reset();

        void Update(byte[] data, int offset, int count);

        /// <summary>Writes the 32-byte digest to output[outputOffset..]; call <see cref="Reset"/> before reusing.</summary>
        void Finish(byte[] output, int outputOffset);
    }
}
