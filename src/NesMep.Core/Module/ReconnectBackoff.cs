using NesMep.Core.Platform;

namespace NesMep.Core.Module
{
    /// <summary>
    /// Reconnects a dropped <see cref="IMeterConnection"/> with back-off doubling from 1 s to 30 s, timed by the
    /// module's clock; one log line when the connection is lost and one when it is back. Polling goes on in
    /// between, so the link state shows the outage.
    /// </summary>
    public sealed class ReconnectBackoff
    {
        /// <summary>First wait before reconnecting to a serial server that dropped the connection.</summary>
        public const int FirstDelayMs = 1000;

        /// <summary>Longest wait between reconnect attempts while the serial server stays away.</summary>
        public const int MaxDelayMs = 30000;

        private readonly IClock _clock;
        private readonly ILog _log;
        private int _delayMs = FirstDelayMs;
        private bool _lost;
        private long _nextMs;

        public ReconnectBackoff(IClock clock, ILog log)
        {
            _clock = clock;
            _log = log;
        }

        /// <summary>The wait after a failed reconnect: doubling up to <see cref="MaxDelayMs"/>.</summary>
        public static int NextDelayMs(int currentMs)
        {
            return currentMs >= MaxDelayMs / 2 ? MaxDelayMs : currentMs * 2;
        }

        /// <summary>Reconnect attempts made since the connection was lost.</summary>
        public int Attempts { get; private set; }

        /// <summary>
        /// Checks the connection at <paramref name="nowMs"/> and tries to reconnect when due. Returns when it next
        /// needs a look: the next attempt, or long.MaxValue while connected (a drop is seen by the next step).
        /// </summary>
        public long Step(IMeterConnection connection, long nowMs)
        {
            if (connection.IsConnected)
            {
                return long.MaxValue;
            }

            if (!_lost)
            {
                _lost = true;
                Attempts = 0;
                _log.Write(LogLevel.Warning, "meter transport: connection to " + connection.Endpoint + " lost; reconnecting");
                _nextMs = nowMs + _delayMs;
                return _nextMs;
            }

            if (nowMs < _nextMs)
            {
                return _nextMs;
            }

            Attempts++;
            if (connection.TryReconnect())
            {
                _log.Write(LogLevel.Info, "meter transport: reconnected to " + connection.Endpoint);
                _delayMs = FirstDelayMs;
                _lost = false;
                return long.MaxValue;
            }

            // Counted from the end of the attempt: a connect can take seconds to time out.
            _delayMs = NextDelayMs(_delayMs);
            _nextMs = _clock.NowMs + _delayMs;
            return _nextMs;
        }
    }
}
