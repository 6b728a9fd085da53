using NesMep.Core.Platform;

namespace NesMep.Core.Web
{
    /// <summary>
    /// Runs the PBKDF2 checks of a login or a password change one at a time and outside every
    /// shared lock: <see cref="Begin"/> and <see cref="End"/> under app.Sync, <see cref="Verify"/>
    /// without it. A check that finds another one running is refused at once (503, Retry-After 1)
    /// instead of waiting: a waiting login would hold a server thread, and a flood of them would
    /// leave none for Home Assistant's open data (seconds of PBKDF2 each on an ESP32).
    /// </summary>
    public sealed class PasswordChecks
    {
        /// <summary>What a client turned away by a running check is told to wait.</summary>
        public const int BusyRetryS = 1;

        private readonly object _sync;
        private readonly IHmacSha256 _hmac;
        private readonly LoginThrottle _throttle;
        private readonly ILog _log;
        private bool _busy;

        public PasswordChecks(object sync, IHmacSha256 hmac, LoginThrottle throttle, ILog log)
        {
            _sync = sync;
            _hmac = hmac;
            _throttle = throttle;
            _log = log;
        }

        /// <summary>Whether a check is running now.</summary>
        public bool Busy
        {
            get { return _busy; }
        }

        /// <summary>
        /// Call under app.Sync. Null when the client may have its password checked now (the one
        /// check slot is then its own until <see cref="End"/>); else the refusal: 429 while the
        /// client or the whole module waits after wrong tries, 503 while another check runs.
        /// </summary>
        public WebResponse? Begin(string client, long nowMs)
        {
            WebResponse? refused = Admit(client, nowMs);
            if (refused != null)
            {
                return refused;
            }

            if (_busy)
            {
                WebResponse r = WebResponse.Error(503, "another password check is running; try again in " + BusyRetryS + " s");
                r.RetryAfterS = BusyRetryS;
                return r;
            }

            _busy = true;
            return null;
        }

        /// <summary>Call under app.Sync before checking a cheap secret (the setup code): 429 while the client or the module waits.</summary>
        public WebResponse? Admit(string client, long nowMs)
        {
            long wait = _throttle.WaitMs(client, nowMs);
            return wait > 0 ? WebAuth.TooManyAttempts(wait) : null;
        }

        /// <summary>The PBKDF2 check itself. Call WITHOUT app.Sync, after <see cref="Begin"/> let it run.</summary>
        public bool Verify(string? password, string stored)
        {
            bool finished = false;
            try
            {
                bool right = PasswordHash.Verify(password, stored, _hmac);
                finished = true;
                return right;
            }
            finally
            {
                if (!finished)
                {
                    // Never leave the slot taken, or no password could be checked again.
                    lock (_sync)
                    {
                        _busy = false;
                    }
                }
            }
        }

        /// <summary>Call under app.Sync: frees the slot and records the result; returns the client's delay (0 after a right password).</summary>
        public long End(string client, bool right, long nowMs)
        {
            Release();
            if (right)
            {
                _throttle.Success(client, nowMs);
                return 0;
            }

            return Failure(client, nowMs);
        }

        /// <summary>Call under app.Sync: frees the slot without recording a result (the check no longer applies).</summary>
        public void Release()
        {
            _busy = false;
        }

        /// <summary>Call under app.Sync: a wrong secret from the client; returns its delay now imposed.</summary>
        public long Failure(string client, long nowMs)
        {
            long delay = _throttle.Failure(client, nowMs);
            if (_throttle.Budget.JustExhausted(nowMs, LoginThrottle.ForgetAfterMs))
            {
                _log.Write(LogLevel.Warning, "web: too many wrong passwords or setup codes from all clients together: " +
                    "one check per " + (_throttle.Budget.RefillMs / 1000) + " s for everyone until they stop");
            }

            return delay;
        }
    }
}
