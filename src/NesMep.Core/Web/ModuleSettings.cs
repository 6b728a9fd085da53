using NesMep.Core.Link;
using NesMep.Core.Model;
using NesMep.Core.Mqtt;
using NesMep.Core.Platform;
using NesMep.Core.Polling;
using NesMep.Core.Settings;

namespace NesMep.Core.Web
{
    /// <summary>
    /// The module's settings model: everything the device stores and the web UI edits, plus the
    /// link, poll, quality and MQTT knobs. Defaults, ranges and names live in
    /// <see cref="SettingsTable"/>; <see cref="SettingsValidator"/> checks a whole model,
    /// <see cref="SettingsCodec"/> stores it. Secrets are held as entered (Wi-Fi password, meter
    /// key, MQTT password: the module needs them in clear) or as PBKDF2 hashes (web password, API
    /// token). The module applies new settings through <see cref="ToLinkSettings"/>,
    /// <see cref="ToPollSettings"/>, <see cref="ToQualitySettings"/> and <see cref="ToMqttSettings"/>.
    /// </summary>
    public sealed class ModuleSettings
    {
        public string WifiSsid = SettingsTable.WifiSsid.DefaultText;
        public string WifiPassword = SettingsTable.WifiPassword.DefaultText;

        /// <summary>The MEP key text in one of the forms MepKey accepts; empty: none configured.</summary>
        public string MeterKey = SettingsTable.MeterKey.DefaultText;

        /// <summary>Index into <see cref="SettingsTable.MeterPorts"/>: 0 the MEP port, 1 the optical port (C12.18).</summary>
        public int MeterPort = SettingsTable.MeterPort.DefaultInt;

        /// <summary>The optical-port password in one of the forms OpticalKey accepts; empty: none configured.</summary>
        public string OpticalKey = SettingsTable.OpticalKey.DefaultText;

        /// <summary>Line speed the optical session starts at.</summary>
        public int OpticalBaud = SettingsTable.OpticalBaud.DefaultInt;

        /// <summary>mDNS name on the device (default keeps the Home Assistant integration's default URL working).</summary>
        public string Hostname = SettingsTable.Hostname.DefaultText;

        /// <summary>PasswordHash text; empty until the first-start setup.</summary>
        public string WebPasswordHash = SettingsTable.WebPasswordHash.DefaultText;

        /// <summary>When true, /api/v1/reading, /info and /status need "Authorization: Bearer TOKEN" or a login.</summary>
        public bool RequireApiToken = SettingsTable.RequireApiToken.DefaultInt != 0;

        public string ApiTokenHash = SettingsTable.ApiTokenHash.DefaultText;

        public bool MqttEnabled = SettingsTable.MqttEnabled.DefaultInt != 0;
        public MqttSettings Mqtt = new MqttSettings();

        /// <summary>Link knobs; BaudRate is the setting meter.baud.</summary>
        public LinkSettings Link = new LinkSettings();

        public PollSettings Poll = new PollSettings();
        public QualitySettings Quality = new QualitySettings();

        /// <summary>Index into <see cref="SettingsTable.BoardProfiles"/>.</summary>
        public int BoardProfile = SettingsTable.BoardProfile.DefaultInt;

        /// <summary>GPIO numbers of the custom board profile; -1: the profile's own (supply: none).</summary>
        public int RxPin = SettingsTable.BoardRxPin.DefaultInt;
        public int TxPin = SettingsTable.BoardTxPin.DefaultInt;
        public int EnablePin = SettingsTable.BoardEnablePin.DefaultInt;

        /// <summary>Index into <see cref="SettingsTable.Polarities"/> (0: ENABLE high powers the port).</summary>
        public int EnableActive = SettingsTable.BoardEnableActive.DefaultInt;
        public int SupplyPin = SettingsTable.BoardSupplyPin.DefaultInt;
        public int LedPin = SettingsTable.BoardLedPin.DefaultInt;

        /// <summary>NTP servers, comma-separated.</summary>
        public string TimeServers = SettingsTable.TimeServers.DefaultText;

        public LogLevel LogLevel = (LogLevel)SettingsTable.LogLevel.DefaultInt;

        public int PollPowerMs
        {
            get { return Poll.PowerIntervalMs; }
            set { Poll.PowerIntervalMs = value; }
        }

        public int PollEnergyMs
        {
            get { return Poll.EnergyIntervalMs; }
            set { Poll.EnergyIntervalMs = value; }
        }

        public int PollSlowMs
        {
            get { return Poll.SlowIntervalMs; }
            set { Poll.SlowIntervalMs = value; }
        }

        /// <summary>A deep copy: every setting, through the table (no field can be forgotten).</summary>
        public ModuleSettings Copy()
        {
            ModuleSettings c = new ModuleSettings();
            foreach (SettingField f in SettingsTable.All)
            {
                SettingValues.CopyValue(this, c, f);
            }

            return c;
        }

        /// <summary>The link the meter side builds: <see cref="LinkKind.Mep"/> or <see cref="LinkKind.Optical"/>.</summary>
        public string MeterPortName
        {
            get { return SettingsTable.MeterPort.IntToText(MeterPort); }
        }

        /// <summary>The key the chosen port needs (MEP key or optical key), empty when none is set.</summary>
        public string ActiveKey
        {
            get { return MeterPortName == LinkKind.Optical ? OpticalKey : MeterKey; }
        }

        /// <summary>Link settings to build a MepLink with (a copy).</summary>
        public LinkSettings ToLinkSettings()
        {
            return Copy().Link;
        }

        /// <summary>The read schedule to build a MeterPoller with (a copy).</summary>
        public PollSettings ToPollSettings()
        {
            return Copy().Poll;
        }

        /// <summary>Value age and plausibility limits for MeterReading (a copy).</summary>
        public QualitySettings ToQualitySettings()
        {
            return Copy().Quality;
        }

        /// <summary>MQTT settings for the publisher (a copy); use only when <see cref="MqttEnabled"/>.</summary>
        public MqttSettings ToMqttSettings()
        {
            return Mqtt.Copy();
        }

        /// <summary>True when a setting marked Restart differs: the meter runtime or MQTT must restart to use <paramref name="next"/>.</summary>
        public bool NeedsRestartFor(ModuleSettings next)
        {
            foreach (SettingField f in SettingsTable.All)
            {
                if (f.Has(SettingField.Restart) && !SettingValues.Same(this, next, f))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Names of the groups that differ, for the log ("meter key, MQTT"); never values.</summary>
        public string DescribeChanges(ModuleSettings next)
        {
            string s = "";
            foreach (SettingField f in SettingsTable.All)
            {
                if (!SettingValues.Same(this, next, f) && !Listed(s, f.Group))
                {
                    s = s.Length == 0 ? f.Group : s + ", " + f.Group;
                }
            }

            return s.Length == 0 ? "nothing" : s;
        }

        private static bool Listed(string list, string group)
        {
            return list == group || list.StartsWith(group + ", ") || list.IndexOf(", " + group + ",") >= 0 || list.EndsWith(", " + group);
        }
    }
}
