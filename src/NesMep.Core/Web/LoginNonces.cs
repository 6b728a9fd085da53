namespace NesMep.Core.Web
{
    /// <summary>
    /// CSRF tokens for the POSTs made before a session exists (login, first-start setup). GET
    /// /api/v1/session hands one out; another site cannot read it (no CORS), so it cannot make a
    /// visitor's browser log in or set the first password. Stateless: a token is its issue time
    /// plus an HMAC of it under a key drawn at start, so issuing one stores nothing and no amount
    /// of anonymous GETs can push a pending login's token out (a ring of issued tokens could be
    /// flushed by 16 GETs). Valid for ten minutes; a restart makes older ones invalid.
    /// Safe to call from several threads at once without a lock.
    /// </summary>
    public sealed class LoginNonces
    {
        public const long LifetimeMs = 10L * 60 * 1000;

        private const int StampBytes = 8;
        private const int MacBytes = 16;
        private const int TokenBytes = StampBytes + MacBytes;

        private readonly byte[] _key = new byte[32];
        private readonly IHmacSha256 _hmac;

        public LoginNonces(IHmacSha256 hmac, IRandomSource random)
        {
            _hmac = hmac;
            random.Fill(_key);
        }

        public string Issue(long nowMs)
        {
            byte[] token = new byte[TokenBytes];
            for (int i = 0; i < StampBytes; i++)
            {
                token[i] = (byte)(nowMs >> (8 * (StampBytes - 1 - i)));
            }

            byte[] mac = Mac(token);
            for (int i = 0; i < MacBytes; i++)
            {
                token[StampBytes + i] = mac[i];
            }

            return Tokens.ToBase64Url(token);
        }

        public bool IsValid(string? token, long nowMs)
        {
            byte[]? bytes = Tokens.LooksValid(token) ? Tokens.FromBase64Url(token) : null;
            if (bytes == null || bytes.Length != TokenBytes)
            {
                return false;
            }

            byte[] mac = Mac(bytes);
            byte[] given = new byte[MacBytes];
            byte[] expected = new byte[MacBytes];
            for (int i = 0; i < MacBytes; i++)
            {
                given[i] = bytes[StampBytes + i];
                expected[i] = mac[i];
            }

            if (!ConstantTime.BytesEqual(given, expected))
            {
                return false;
            }

            long issued = 0;
            for (int i = 0; i < StampBytes; i++)
            {
                issued = (issued << 8) | bytes[i];
            }

            return issued <= nowMs && nowMs - issued <= LifetimeMs;
        }

        /// <summary>HMAC of the token's time stamp (its first <see cref="StampBytes"/> bytes).</summary>
        private byte[] Mac(byte[] token)
        {
            byte[] mac = new byte[32];
            _hmac.Compute(_key, token, 0, StampBytes, mac, 0);
            return mac;
        }
    }
}
