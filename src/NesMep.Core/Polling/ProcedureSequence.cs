namespace NesMep.Core.Polling
{
    /// <summary>
    /// BT07 procedure sequence numbers: MEP clients must use 5..9 and two consecutive numbers must
    /// differ (protocol reference §3.6). Cycles 5, 6, 7, 8, 9, 5, …
    /// </summary>
    public sealed class ProcedureSequence
    {
        public const int First = 5;
        public const int Last = 9;

        private int _current;

        /// <summary>The number for the next procedure call.</summary>
        public int Next()
        {
            _current = _current < First || _current >= Last ? First : _current + 1;
            return _current;
        }

        /// <summary>The number used last (0 before the first call).</summary>
        public int Current
        {
            get { return _current; }
        }
    }
}
