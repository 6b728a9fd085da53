namespace NesMep.Core.Web
{
    /// <summary>
    /// Brute-force slow-down per client address: after the n-th wrong password in a row the client
    /// must wait 2^(n-1) seconds (1, 2, 4, … capped at 15 minutes) before the next attempt is even
    /// checked. A correct password clears the record; an hour without failures forgets it.
    /// A small fixed table: when full, the record with the oldest failure is replaced, so an attacker
    /// with more addresses than records escapes it; the global <see cref="Budget"/> holds then.
    /// For fairness, the few addresses that gave the right password lately (the owner's) are not
    /// held by the global budget, only by their own slow-down: an attack from elsewhere cannot
    /// lock the owner out.
    /// </summary>
    public sealed class LoginThrottle
    {
        public const int Capacity = 32;
        public const long BaseDelayMs = 1000;
        public const long MaxDelayMs = 15L * 60 * 1000;
        public const long ForgetAfterMs = 60L * 60 * 1000;

        /// <summary>Wrong tries the whole module accepts at once before every client waits for the refill.</summary>
        public const int GlobalBurst = 10;

        /// <summary>One more wrong try per 10 s for the whole module: at most 370 checks an hour, however many addresses.</summary>
        public const long GlobalRefillMs = 10000;

        /// <summary>Addresses remembered for a right password (the oldest is replaced when full).</summary>
        public const int TrustedCapacity = 8;

        /// <summary>How long an address that gave the right password stays exempt from the global budget.</summary>
        public const long TrustForMs = 30L * 24 * 60 * 60 * 1000;

        private readonly string?[] _clients = new string?[Capacity];
        private readonly int[] _failures = new int[Capacity];
        private readonly long[] _lastFailureMs = new long[Capacity];
        private readonly long[] _blockedUntilMs = new long[Capacity];
        private readonly CheckBudget _budget = new CheckBudget(GlobalBurst, GlobalRefillMs);
        private readonly string[] _trusted = new string[TrustedCapacity];
        private readonly long[] _trustedAtMs = new long[TrustedCapacity];

        /// <summary>The global limit that every wrong try also counts against.</summary>
        public CheckBudget Budget
        {
            get { return _budget; }
        }

        /// <summary>Milliseconds the client must still wait (its own slow-down or the global limit); 0 when it may try now.</summary>
        public long WaitMs(string client, long nowMs)
        {
            long global = TrustedIndex(client, nowMs) >= 0 ? 0 : _budget.WaitMs(nowMs);
            int i = IndexOf(client, nowMs);
            long own = i < 0 ? 0 : _blockedUntilMs[i] - nowMs;
            return own > global ? own : global > 0 ? global : 0;
        }

        /// <summary>Failures in a row recorded for the client.</summary>
        public int Failures(string client, long nowMs)
        {
            int i = IndexOf(client, nowMs);
            return i < 0 ? 0 : _failures[i];
        }

        /// <summary>Records a wrong password against the client and the global budget; returns the client's delay now imposed.</summary>
        public long Failure(string client, long nowMs)
        {
            _budget.Take(nowMs);
            int i = IndexOf(client, nowMs);
            if (i < 0)
            {
                i = FreeSlot(nowMs);
                _clients[i] = client;
                _failures[i] = 0;
            }

            _failures[i]++;
            _lastFailureMs[i] = nowMs;
            long delay = DelayFor(_failures[i]);
            _blockedUntilMs[i] = nowMs + delay;
            return delay;
        }

        /// <summary>The right password from the client: its failures are forgotten and it is exempt from the global budget for <see cref="TrustForMs"/>.</summary>
        public void Success(string client, long nowMs)
        {
            for (int i = 0; i < Capacity; i++)
            {
                if (_clients[i] == client)
                {
                    _clients[i] = null;
                }
            }

            int t = TrustedIndex(client, nowMs);
            if (t < 0)
            {
                t = 0;
                for (int i = 1; i < TrustedCapacity; i++)
                {
                    if (_trusted[i] == null || (_trusted[t] != null && _trustedAtMs[i] < _trustedAtMs[t]))
                    {
                        t = i;
                    }
                }
            }

            _trusted[t] = client;
            _trustedAtMs[t] = nowMs;
        }

        /// <summary>Whether the client gave the right password within <see cref="TrustForMs"/>.</summary>
        public bool IsTrusted(string client, long nowMs)
        {
            return TrustedIndex(client, nowMs) >= 0;
        }

        /// <summary>The wait after <paramref name="failures"/> wrong passwords in a row.</summary>
        public static long DelayFor(int failures)
        {
            if (failures < 1)
            {
                return 0;
            }

            long delay = BaseDelayMs;
            for (int n = 1; n < failures && delay < MaxDelayMs; n++)
            {
                delay *= 2;
            }

            return delay > MaxDelayMs ? MaxDelayMs : delay;
        }

        private int TrustedIndex(string client, long nowMs)
        {
            for (int i = 0; i < TrustedCapacity; i++)
            {
                if (_trusted[i] != null && _trusted[i] == client && nowMs - _trustedAtMs[i] <= TrustForMs)
                {
                    return i;
                }
            }

            return -1;
        }

        private int IndexOf(string client, long nowMs)
        {
            for (int i = 0; i < Capacity; i++)
            {
                if (_clients[i] != null && _clients[i] == client)
                {
                    if (nowMs - _lastFailureMs[i] > ForgetAfterMs && nowMs >= _blockedUntilMs[i])
                    {
                        _clients[i] = null;
                        return -1;
                    }

                    return i;
                }
            }

            return -1;
        }

        private int FreeSlot(long nowMs)
        {
            int oldest = 0;
            for (int i = 0; i < Capacity; i++)
            {
                if (_clients[i] == null)
                {
                    return i;
                }

                if (_lastFailureMs[i] < _lastFailureMs[oldest])
                {
                    oldest = i;
                }
            }

            return oldest;
        }
    }
}
