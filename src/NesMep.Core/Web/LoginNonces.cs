namespace NesMep.Core.Web
{
    /// <summary>
    /// CSRF tokens for the POSTs made before a session exists (login, first-start setup). GET
    /// /api/v1/session hands one out; another site cannot read it (no CORS), so it cannot make a
    /// visitor's browser log in or set the first password. Ten minutes, sixteen at a time.
    /// </summary>
    public sealed class LoginNonces
    {
        public const int Capacity = 16;
        public const long LifetimeMs = 10L * 60 * 1000;

        private readonly string[] _tokens = new string[Capacity];
        private readonly long[] _issuedMs = new long[Capacity];
        private readonly IRandomSource _random;
        private int _next;

        public LoginNonces(IRandomSource random)
        {
            _random = random;
        }

        public string Issue(long nowMs)
        {
            string token = Tokens.New(_random, Tokens.DefaultBytes);
            _tokens[_next] = token;
            _issuedMs[_next] = nowMs;
            _next = (_next + 1) % Capacity;
            return token;
        }

        public bool IsValid(string token, long nowMs)
        {
            if (!Tokens.LooksValid(token))
            {
                return false;
            }

            bool ok = false;
            for (int i = 0; i < Capacity; i++)
            {
                if (_tokens[i] != null && nowMs - _issuedMs[i] <= LifetimeMs && ConstantTime.StringsEqual(_tokens[i], token))
                {
                    ok = true;
                }
            }

            return ok;
        }
    }
}
