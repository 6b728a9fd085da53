using System.Text;

namespace NesMep.Core.Provisioning
{
    /// <summary>
    /// What the provisioning machine keeps across reboots: the mode the next boot runs in, why an access point
    /// was chosen, and how many reboots were spent on bringing the radio into that mode. Stored as a few
    /// "name=value" lines of its own file (not in the settings file: it changes on events, not on the user's saves,
    /// and losing it costs nothing but one decision taken again from the settings).
    /// </summary>
    public sealed class ProvisioningRecord
    {
        public const string Header = "nesmep-provisioning 1";

        /// <summary>Access point for the first setup (no network saved, or setup not finished).</summary>
        public const int ModeSetup = 0;

        /// <summary>Station on the saved network.</summary>
        public const int ModeStation = 1;

        /// <summary>Access point with a saved network (it could not be joined, or the button asked for it).</summary>
        public const int ModeFallback = 2;

        public const int ReasonNone = 0;
        public const int ReasonNoJoin = 1;
        public const int ReasonButton = 2;

        public int Mode = ModeSetup;
        public int Reason = ReasonNone;

        /// <summary>Reboots asked for since the radio was last found in the mode this record wants.</summary>
        public int SwitchReboots;

        public static string ModeName(int mode)
        {
            return mode == ModeSetup ? "setup" : mode == ModeStation ? "station" : mode == ModeFallback ? "fallback" : "?";
        }

        public static string ReasonName(int reason)
        {
            return reason == ReasonNone ? "none" : reason == ReasonNoJoin ? "no_join" : reason == ReasonButton ? "button" : "?";
        }

        /// <summary>The radio this record's mode needs.</summary>
        public int Radio
        {
            get { return Mode == ModeStation ? RadioMode.Station : RadioMode.AccessPoint; }
        }

        public ProvisioningRecord Copy()
        {
            ProvisioningRecord r = new ProvisioningRecord();
            r.Mode = Mode;
            r.Reason = Reason;
            r.SwitchReboots = SwitchReboots;
            return r;
        }

        public bool SameAs(ProvisioningRecord other)
        {
            return other != null && Mode == other.Mode && Reason == other.Reason && SwitchReboots == other.SwitchReboots;
        }

        public byte[] Encode()
        {
            string text = Header + "\nmode=" + ModeName(Mode) + "\nreason=" + ReasonName(Reason) +
                "\nswitch_reboots=" + SwitchReboots.ToString() + "\n";
            return Encoding.UTF8.GetBytes(text);
        }

        /// <summary>The record in <paramref name="data"/>, or null with the reason in <paramref name="error"/>.</summary>
        public static ProvisioningRecord? Decode(byte[] data, out string? error)
        {
            error = null;
            string text;
            try
            {
                text = Encoding.UTF8.GetString(data, 0, data.Length);
            }
            catch (System.Exception)
            {
                error = "not UTF-8 text";
                return null;
            }

            string[] lines = text.Split('\n');
            if (lines.Length < 1 || lines[0].Trim() != Header)
            {
                error = "the first line is not '" + Header + "'";
                return null;
            }

            ProvisioningRecord r = new ProvisioningRecord();
            bool mode = false;
            for (int i = 1; i < lines.Length; i++)
            {
                string line = lines[i].Trim();
                if (line.Length == 0)
                {
                    continue;
                }

                int eq = line.IndexOf('=');
                string name = eq < 0 ? line : line.Substring(0, eq);
                string value = eq < 0 ? "" : line.Substring(eq + 1);
                if (name == "mode")
                {
                    r.Mode = Find(value, true);
                    mode = r.Mode >= 0;
                }
                else if (name == "reason")
                {
                    r.Reason = Find(value, false);
                }
                else if (name == "switch_reboots")
                {
                    int n;
                    r.SwitchReboots = int.TryParse(value, out n) && n >= 0 && n < 1000 ? n : -1;
                }

                if (r.Mode < 0 || r.Reason < 0 || r.SwitchReboots < 0)
                {
                    error = "line " + (i + 1) + " '" + line + "' has an unknown value";
                    return null;
                }
            }

            if (!mode)
            {
                error = "no mode line";
                return null;
            }

            return r;
        }

        /// <summary>The mode (or reason) named <paramref name="value"/>, or -1 (no name tables kept in static fields).</summary>
        private static int Find(string value, bool mode)
        {
            for (int i = 0; i < 3; i++)
            {
                if ((mode ? ModeName(i) : ReasonName(i)) == value)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
