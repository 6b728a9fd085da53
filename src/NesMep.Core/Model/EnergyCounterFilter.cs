namespace NesMep.Core.Model
{
    /// <summary>
    /// Plausibility check for one energy counter, done on the device so Home Assistant never sees a
    /// spike or a drop (a decrease of a total_increasing sensor is taken as a meter reset, ecosystem
    /// §4.3). A reading is accepted when it grows by no more than the main fuse allows in the elapsed
    /// time. Rejected readings that agree with each other for a while become the new baseline, so a
    /// genuine meter exchange or register rollover does not freeze the value forever.
    /// </summary>
    public sealed class EnergyCounterFilter
    {
        public const int Accepted = 0;
        public const int RejectedDecrease = 1;
        public const int RejectedJump = 2;
        public const int Rebaselined = 3;

        private readonly QualitySettings _settings;
        private bool _hasBaseline;
        private long _lastWh;
        private long _lastMs;
        private bool _hasCandidate;
        private long _candidateWh;
        private long _candidateMs;
        private int _candidateRun;

        public EnergyCounterFilter(QualitySettings settings)
        {
            _settings = settings;
        }

        public int Decreases { get; private set; }

        public int Jumps { get; private set; }

        public int Rebaselines { get; private set; }

        public bool HasBaseline
        {
            get { return _hasBaseline; }
        }

        public long LastAcceptedWh
        {
            get { return _lastWh; }
        }

        /// <summary>Checks a new register value read at <paramref name="nowMs"/>; returns one of the constants.</summary>
        public int Check(long valueWh, long nowMs)
        {
            if (!_hasBaseline)
            {
                Accept(valueWh, nowMs);
                return Accepted;
            }

            int verdict = Judge(_lastWh, _lastMs, valueWh, nowMs);
            if (verdict == Accepted)
            {
                Accept(valueWh, nowMs);
                return Accepted;
            }

            if (verdict == RejectedDecrease)
            {
                Decreases++;
            }
            else
            {
                Jumps++;
            }

            if (_hasCandidate && Judge(_candidateWh, _candidateMs, valueWh, nowMs) == Accepted)
            {
                _candidateRun++;
            }
            else
            {
                _candidateRun = 1;
            }

            _hasCandidate = true;
            _candidateWh = valueWh;
            _candidateMs = nowMs;
            if (_candidateRun >= _settings.RebaselineAfter)
            {
                Rebaselines++;
                Accept(valueWh, nowMs);
                return Rebaselined;
            }

            return verdict;
        }

        /// <summary>Largest growth in Wh that the fuse allows over <paramref name="elapsedMs"/>.</summary>
        public long AllowedGrowthWh(long elapsedMs)
        {
            if (elapsedMs < 0)
            {
                elapsedMs = 0;
            }

            return _settings.MaxPowerW * elapsedMs / 3600000 + _settings.GraceWh;
        }

        private int Judge(long fromWh, long fromMs, long valueWh, long nowMs)
        {
            long delta = valueWh - fromWh;
            if (delta < 0)
            {
                return RejectedDecrease;
            }

            return delta > AllowedGrowthWh(nowMs - fromMs) ? RejectedJump : Accepted;
        }

        private void Accept(long valueWh, long nowMs)
        {
            _hasBaseline = true;
            _lastWh = valueWh;
            _lastMs = nowMs;
            _hasCandidate = false;
            _candidateRun = 0;
        }
    }
}
