using NesMep.Core.Settings;
using NesMep.Core.Web;

namespace NesMep.Core.Model
{
    /// <summary>How old a value may get and what energy growth is physically possible.</summary>
    public sealed class QualitySettings
    {
        /// <summary>A value older than this is unavailable (link down, table failing). Never shown as 0.</summary>
        public int StaleAfterMs = SettingsTable.QualityStaleAfterS.DefaultInt * 1000;

        /// <summary>Main fuse per phase; bounds how fast the energy counters can grow.</summary>
        public int MainFuseAmps = SettingsTable.QualityMainFuseA.DefaultInt;

        public int Phases = SettingsTable.QualityPhases.DefaultInt;

        public int NominalVoltage = SettingsTable.QualityNominalVoltage.DefaultInt;

        /// <summary>Extra allowance on top of fuse × voltage × phases (fuses carry overload for a while).</summary>
        public int HeadroomPercent = SettingsTable.QualityHeadroomPercent.DefaultInt;

        /// <summary>Register granularity and timing slack added to every allowed growth.</summary>
        public int GraceWh = SettingsTable.QualityGraceWh.DefaultInt;

        /// <summary>Rejected readings that agree with each other before they are accepted as the new baseline (meter exchange, rollover).</summary>
        public int RebaselineAfter = SettingsTable.QualityRebaselineAfter.DefaultInt;

        /// <summary>Largest plausible power in W.</summary>
        public long MaxPowerW
        {
            get { return (long)MainFuseAmps * NominalVoltage * Phases * (100 + HeadroomPercent) / 100; }
        }

        /// <summary>Null when valid, else the first problem as "section.key: what is wrong (allowed)" (ranges in SettingsTable).</summary>
        public string? Validate()
        {
            ModuleSettings s = new ModuleSettings();
            s.Quality = this;
            return SettingsValidator.FirstError(s, true);
        }
    }
}
