using System.Text;

namespace NesMep.Core.Lifecycle
{
    /// <summary>
    /// What the update logic keeps across reboots, one small text file saved whole through
    /// <see cref="NesMep.Core.Storage.SafeFileStore"/> so a power cut leaves the old or the new
    /// state. Slots: <see cref="BuiltIn"/> (the files inside the firmware image), <see cref="SlotA"/>
    /// and <see cref="SlotB"/> on I:\. Every change of state is one save, so each step of staging,
    /// switching, confirming and rolling back is either done or not done.
    /// </summary>
    public sealed class UpdateState
    {
        public const int BuiltIn = 0;
        public const int SlotA = 1;
        public const int SlotB = 2;

        /// <summary>The set in use (BuiltIn until an update is confirmed or on trial).</summary>
        public int Active;

        /// <summary>The set an unconfirmed trial falls back to.</summary>
        public int Previous;

        /// <summary>Boots the active set has started on trial (0: confirmed, not on trial).</summary>
        public int TrialBoots;

        /// <summary>A complete, verified staged set the next boot switches to (0: none).</summary>
        public int Pending;

        /// <summary>A slot being written (0: none); a boot that finds it set deletes that slot's files.</summary>
        public int Staging;

        /// <summary>Why the last trial was rolled back ("" when none), shown on the update page.</summary>
        public string LastRollback = "";

        public bool OnTrial
        {
            get { return TrialBoots > 0; }
        }

        public UpdateState Copy()
        {
            UpdateState s = new UpdateState();
            s.Active = Active;
            s.Previous = Previous;
            s.TrialBoots = TrialBoots;
            s.Pending = Pending;
            s.Staging = Staging;
            s.LastRollback = LastRollback;
            return s;
        }

        public static string SlotName(int slot)
        {
            switch (slot)
            {
                case SlotA:
                    return "a";
                case SlotB:
                    return "b";
                default:
                    return "built-in";
            }
        }

        public byte[] ToBytes()
        {
            string text = "active=" + Active + "\nprevious=" + Previous + "\ntrial_boots=" + TrialBoots +
                "\npending=" + Pending + "\nstaging=" + Staging + "\nlast_rollback=" + LastRollback + "\n";
            return Encoding.UTF8.GetBytes(text);
        }

        /// <summary>
        /// The state in <paramref name="data"/>, or null with the reason when it is not one (the caller
        /// then runs the built-in set and says so; nothing on I:\ is deleted on that account).
        /// </summary>
        public static UpdateState? Parse(byte[] data, out string? error)
        {
            error = null;
            UpdateState s = new UpdateState();
            string text;
            try
            {
                text = new string(Encoding.UTF8.GetChars(data));
            }
            catch (System.Exception)
            {
                error = "the update state file is not text";
                return null;
            }

            string[] lines = text.Split('\n');
            int seen = 0;
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i];
                int eq = line.IndexOf('=');
                if (eq <= 0)
                {
                    continue;
                }

                string key = line.Substring(0, eq);
                string value = line.Substring(eq + 1);
                if (key == "last_rollback")
                {
                    s.LastRollback = value;
                    continue;
                }

                int v;
                if (!NesMep.Core.Web.WebText.TryParseInt(value, out v) || v < 0 || v > 1000)
                {
                    error = "bad value on line " + (i + 1) + " of the update state file";
                    return null;
                }

                switch (key)
                {
                    case "active":
                        s.Active = v;
                        break;
                    case "previous":
                        s.Previous = v;
                        break;
                    case "trial_boots":
                        s.TrialBoots = v;
                        break;
                    case "pending":
                        s.Pending = v;
                        break;
                    case "staging":
                        s.Staging = v;
                        break;
                    default:
                        error = "unknown key '" + key + "' in the update state file";
                        return null;
                }

                seen++;
            }

            if (seen != 5 || s.Active > SlotB || s.Previous > SlotB || s.Pending > SlotB || s.Staging > SlotB)
            {
                error = "the update state file is incomplete or names an unknown slot";
                return null;
            }

            return s;
        }
    }
}
