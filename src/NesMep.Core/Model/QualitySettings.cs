namespace NesMep.Core.Model
{
    /// <summary>How old a value may get and what energy growth is physically possible.</summary>
    public sealed class QualitySettings
    {
        /// <summary>A value older than this is unavailable (link down, table failing). Never shown as 0.</summary>
        public int StaleAfterMs = 30000;

        /// <summary>Main fuse per phase; bounds how fast the energy counters can grow.</summary>
        public int MainFuseAmps = 35;

        public int Phases = 3;

        public int NominalVoltage = 230;

        /// <summary>Extra allowance on top of fuse × voltage × phases (fuses carry overload for a while).</summary>
        public int HeadroomPercent = 50;

        /// <summary>Register granularity and timing slack added to every allowed growth.</summary>
        public int GraceWh = 5;

        /// <summary>Rejected readings that agree with each other before they are accepted as the new baseline (meter exchange, rollover).</summary>
        public int RebaselineAfter = 5;

        /// <summary>Largest plausible power in W.</summary>
        public long MaxPowerW
        {
            get { return (long)MainFuseAmps * NominalVoltage * Phases * (100 + HeadroomPercent) / 100; }
        }

        public string? Validate()
        {
            if (StaleAfterMs < 1000 || StaleAfterMs > 3600000)
            {
                return "stale-after must be 1..3600 s";
            }

            if (MainFuseAmps < 1 || MainFuseAmps > 1000)
            {
                return "main fuse must be 1..1000 A";
            }

            if (Phases < 1 || Phases > 3)
            {
                return "phases must be 1..3";
            }

            if (NominalVoltage < 100 || NominalVoltage > 500)
            {
                return "nominal voltage must be 100..500 V";
            }

            if (HeadroomPercent < 0 || HeadroomPercent > 1000 || GraceWh < 0 || GraceWh > 10000)
            {
                return "headroom must be 0..1000 % and grace 0..10000 Wh";
            }

            if (RebaselineAfter < 2 || RebaselineAfter > 1000)
            {
                return "rebaseline-after must be 2..1000 readings";
            }

            return null;
        }
    }
}
