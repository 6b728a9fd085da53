namespace NesMep.Core.Settings
{
    /// <summary>
    /// What is known about one setting: its name in files (section.key), type, default, allowed
    /// values, whether it is a secret, whether changing it restarts the meter side, and which web
    /// form field edits it. <see cref="SettingsTable"/> holds one of these per setting, so a
    /// default or a range is written down exactly once.
    /// </summary>
    public sealed class SettingField
    {
        public const int KindInt = 0;
        public const int KindBool = 1;
        public const int KindText = 2;
        public const int KindChoice = 3;

        /// <summary>Never shown or logged; the web UI only learns whether it is set. Hashes are stored as hashes.</summary>
        public const int Secret = 1;

        /// <summary>Changing it rebuilds the meter side and MQTT (the module applies new settings).</summary>
        public const int Restart = 2;

        /// <summary>Edited through the web UI; the Linux host saves these in its settings file.</summary>
        public const int Ui = 4;

        /// <summary>Used by the device firmware only; the Linux config file has no place for it.</summary>
        public const int DeviceOnly = 8;

        public SettingField(int id, string section, string key, int kind, int min, int max, int defaultInt, string defaultText,
            string[]? choices, int flags, int rule, string unit, string? form, string group)
        {
            Id = id;
            Section = section;
            Key = key;
            Name = section + "." + key;
            Kind = kind;
            Min = min;
            Max = max;
            DefaultInt = defaultInt;
            DefaultText = defaultText;
            Choices = choices;
            Flags = flags;
            Rule = rule;
            Unit = unit;
            Form = form;
            Group = group;
        }

        /// <summary>Index in <see cref="SettingsTable.All"/> (one of the <see cref="SettingId"/> constants).</summary>
        public readonly int Id;

        public readonly string Section;
        public readonly string Key;

        /// <summary>"section.key", the name in files, messages and the documentation.</summary>
        public readonly string Name;

        public readonly int Kind;

        /// <summary>Int: smallest and largest value. Text: most characters (Max; Min unused).</summary>
        public readonly int Min;

        public readonly int Max;

        /// <summary>Default of an Int, Bool (1/0) or Choice (index into <see cref="Choices"/>).</summary>
        public readonly int DefaultInt;

        /// <summary>Default of a Text setting.</summary>
        public readonly string DefaultText;

        public readonly string[]? Choices;
        public readonly int Flags;

        /// <summary>Extra check of a Text value (<see cref="SettingRule"/>).</summary>
        public readonly int Rule;

        /// <summary>Unit or note after the range in messages and docs ("ms", "seconds", …); may be empty.</summary>
        public readonly string Unit;

        /// <summary>Name of the web form field and of its key in GET /api/v1/settings; null: not in the UI.</summary>
        public readonly string? Form;

        /// <summary>What the log says changed ("poll schedule", "MQTT", …); never a value.</summary>
        public readonly string Group;

        public bool Has(int flag)
        {
            return (Flags & flag) != 0;
        }

        /// <summary>The default as it is written in a settings file.</summary>
        public string DefaultValueText
        {
            get { return Kind == KindText ? DefaultText : IntToText(DefaultInt); }
        }

        /// <summary>"200..3600000 ms", "interval or on_change", "at most 64 characters", "true or false".</summary>
        public string Allowed
        {
            get
            {
                switch (Kind)
                {
                    case KindInt:
                        return Min + ".." + Max + (Unit.Length == 0 ? "" : " " + Unit);
                    case KindBool:
                        return "true or false";
                    case KindChoice:
                        return ChoiceList();
                    default:
                        return "at most " + Max + " characters";
                }
            }
        }

        /// <summary>Text form of an Int, Bool or Choice value (as files store it).</summary>
        public string IntToText(int value)
        {
            if (Kind == KindBool)
            {
                return value != 0 ? "true" : "false";
            }

            if (Kind == KindChoice)
            {
                return value >= 0 && value < Choices!.Length ? Choices[value] : value.ToString();
            }

            return value.ToString();
        }

        /// <summary>Index of <paramref name="text"/> among <see cref="Choices"/>, or -1.</summary>
        public int ChoiceIndex(string text)
        {
            for (int i = 0; i < Choices!.Length; i++)
            {
                if (Choices[i] == text)
                {
                    return i;
                }
            }

            return -1;
        }

        private string ChoiceList()
        {
            string s = "";
            for (int i = 0; i < Choices!.Length; i++)
            {
                s += (i == 0 ? "" : i == Choices.Length - 1 ? " or " : ", ") + Choices[i];
            }

            return s;
        }
    }
}
