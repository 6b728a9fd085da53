namespace NesMep.Core.Web
{
    /// <summary>
    /// Logged-in sessions in a fixed number of slots (the device has little RAM). A full store
    /// drops the least recently used session. Ids and CSRF tokens are 256-bit random tokens;
    /// lookups compare in constant time.
    /// </summary>
    public sealed class SessionStore
    {
        public const int Capacity = 8;

        /// <summary>A session unused this long is gone.</summary>
        public const long IdleLimitMs = 30L * 60 * 1000;

        /// <summary>A session is gone this long after login, used or not.</summary>
        public const long AgeLimitMs = 12L * 60 * 60 * 1000;

        private readonly Session?[] _slots = new Session?[Capacity];
        private readonly IRandomSource _random;

        public SessionStore(IRandomSource random)
        {
            _random = random;
        }

        public Session Create(long nowMs)
        {
            Session s = new Session();
            s.Id = Tokens.New(_random, Tokens.DefaultBytes);
            s.CsrfToken = Tokens.New(_random, Tokens.DefaultBytes);
            s.CreatedMs = nowMs;
            s.LastSeenMs = nowMs;
            int victim = 0;
            for (int i = 0; i < Capacity; i++)
            {
                Session? slot = _slots[i];
                if (slot == null || Expired(slot, nowMs))
                {
                    victim = i;
                    break;
                }

                if (slot.LastSeenMs < _slots[victim]!.LastSeenMs) // every slot before i is live
                {
                    victim = i;
                }
            }

            _slots[victim] = s;
            return s;
        }

        /// <summary>The live session with this id (and marks it used), or null.</summary>
        public Session? Find(string id, long nowMs)
        {
            if (!Tokens.LooksValid(id))
            {
                return null;
            }

            Session? found = null;
            for (int i = 0; i < Capacity; i++)
            {
                Session? s = _slots[i];
                if (s == null)
                {
                    continue;
                }

                if (Expired(s, nowMs))
                {
                    _slots[i] = null;
                    continue;
                }

                // Compare against every slot so the time taken does not reveal which one matched.
                if (ConstantTime.StringsEqual(s.Id, id))
                {
                    found = s;
                }
            }

            if (found != null)
            {
                found.LastSeenMs = nowMs;
            }

            return found;
        }

        public void Remove(Session session)
        {
            for (int i = 0; i < Capacity; i++)
            {
                if (_slots[i] == session)
                {
                    _slots[i] = null;
                }
            }
        }

        /// <summary>Ends every other session (after a password change).</summary>
        public void RemoveAllExcept(Session keep)
        {
            for (int i = 0; i < Capacity; i++)
            {
                if (_slots[i] != keep)
                {
                    _slots[i] = null;
                }
            }
        }

        public int LiveCount(long nowMs)
        {
            int n = 0;
            for (int i = 0; i < Capacity; i++)
            {
                Session? slot = _slots[i];
                if (slot != null && !Expired(slot, nowMs))
                {
                    n++;
                }
            }

            return n;
        }

        private static bool Expired(Session s, long nowMs)
        {
            return nowMs - s.LastSeenMs > IdleLimitMs || nowMs - s.CreatedMs > AgeLimitMs;
        }
    }
}
