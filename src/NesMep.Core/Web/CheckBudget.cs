namespace NesMep.Core.Web
{
    /// <summary>
    /// The global limit on wrong secrets (password, setup code, current password) for the whole
    /// module, whatever address they come from: a token bucket of <see cref="Burst"/> wrong tries,
    /// refilled by one every <see cref="RefillMs"/>. The per-address slow-down cannot hold against an
    /// attacker with many addresses (an IPv6 /64 has millions); this can. Only wrong tries take a
    /// token, so the owner's right password never uses the budget up. Timed by the injected clock.
    /// </summary>
    public sealed class CheckBudget
    {
        private readonly int _burst;
        private readonly long _refillMs;
        private int _tokens;
        private long _refilledAtMs;
        private bool _exhaustedSeen;
        private long _exhaustedLoggedMs;

        public CheckBudget(int burst, long refillMs)
        {
            _burst = burst;
            _refillMs = refillMs;
            _tokens = burst;
        }

        public int Burst
        {
            get { return _burst; }
        }

        public long RefillMs
        {
            get { return _refillMs; }
        }

        /// <summary>Milliseconds until the next check may run; 0 while a token is left.</summary>
        public long WaitMs(long nowMs)
        {
            Refill(nowMs);
            return _tokens > 0 ? 0 : _refilledAtMs + _refillMs - nowMs;
        }

        /// <summary>Takes a token for a wrong try (none left: nothing to take; the caller checked <see cref="WaitMs"/>).</summary>
        public void Take(long nowMs)
        {
            Refill(nowMs);
            if (_tokens > 0)
            {
                _tokens--;
            }
        }

        /// <summary>
        /// True once when the budget has just run out and had not in the last
        /// <paramref name="quietMs"/>: one log line per attack, not one per refusal.
        /// </summary>
        public bool JustExhausted(long nowMs, long quietMs)
        {
            Refill(nowMs);
            if (_tokens > 0)
            {
                return false;
            }

            if (_exhaustedSeen && nowMs - _exhaustedLoggedMs < quietMs)
            {
                return false;
            }

            _exhaustedSeen = true;
            _exhaustedLoggedMs = nowMs;
            return true;
        }

        private void Refill(long nowMs)
        {
            if (_tokens >= _burst)
            {
                _refilledAtMs = nowMs; // a full bucket earns nothing: the next refill counts from the first use
                return;
            }

            long elapsed = nowMs - _refilledAtMs;
            if (elapsed < _refillMs)
            {
                return;
            }

            long earned = elapsed / _refillMs;
            _refilledAtMs += earned * _refillMs;
            _tokens = earned >= _burst - _tokens ? _burst : _tokens + (int)earned;
        }
    }
}
