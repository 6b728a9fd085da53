using NesMep.Core.Web;

namespace NesMep.Core.Platform
{
    /// <summary>
    /// The MEP wiring of the board the firmware runs on (reference mep-protocol.md §2.3): UART pins, the ENABLE
    /// line and its polarity, the transceiver supply pin. <see cref="Resolve"/> picks it from the chip the
    /// firmware reports and the board settings (board.profile and the custom pins), so the two modules work
    /// without any setting and a DIY build is one settings change. Pure: the firmware only switches the pins.
    /// </summary>
    public sealed class BoardPins
    {
        /// <summary>Index into SettingsTable.BoardProfiles.</summary>
        public const int Dabbler = 0;
        public const int UStepper = 1;
        public const int Custom = 2;

        /// <summary>Chips the firmware tells apart.</summary>
        public const int ChipEsp32 = 0;
        public const int ChipEsp32C3 = 1;
        public const int ChipOther = 2;

        /// <summary>No supply pin (the transceiver is powered permanently).</summary>
        public const int None = -1;

        public BoardPins(int profile, int rx, int tx, int enable, bool enableActiveLow, int supply)
        {
            Profile = profile;
            RxPin = rx;
            TxPin = tx;
            EnablePin = enable;
            EnableActiveLow = enableActiveLow;
            SupplyPin = supply;
        }

        public int Profile { get; private set; }

        public int RxPin { get; private set; }

        public int TxPin { get; private set; }

        public int EnablePin { get; private set; }

        /// <summary>True: the GPIO low powers the MEP port (both modules drive ENABLE through an inverting RS-232 driver).</summary>
        public bool EnableActiveLow { get; private set; }

        /// <summary>GPIO powering the transceiver (HIGH = on), or <see cref="None"/>.</summary>
        public int SupplyPin { get; private set; }

        /// <summary>The chip from nanoFramework's target name ("ESP32_REV3", "ESP32_C3", …).</summary>
        public static int ChipOf(string targetName)
        {
            string t = targetName == null ? "" : targetName.ToUpper();
            if (t.IndexOf("C3") >= 0)
            {
                return ChipEsp32C3;
            }

            // S2, S3, C6 and H2 images also start with ESP32: only the classic chip has the Dabbler's pins.
            if (t.StartsWith("ESP32") && t.IndexOf("_S") < 0 && t.IndexOf("_C") < 0 && t.IndexOf("_H") < 0)
            {
                return ChipEsp32;
            }

            return ChipOther;
        }

        /// <summary>Dabbler (ESP32-WROOM-32): UART RX 16 / TX 17, ENABLE GPIO5 active low, MAX3232 supply GPIO32 (§2.3).</summary>
        public static BoardPins DabblerBoard()
        {
            return new BoardPins(Dabbler, 16, 17, 5, true, 32);
        }

        /// <summary>uStepper (ESP32-C3-MINI-1): UART RX 6 / TX 7 through the pin matrix, ENABLE GPIO5 active low, no supply pin (§2.3).</summary>
        public static BoardPins UStepperBoard()
        {
            return new BoardPins(UStepper, 6, 7, 5, true, None);
        }

        /// <summary>Highest GPIO number of the chip (ESP32: 39, of them 34–39 input only; C3: 21).</summary>
        public static int MaxGpio(int chip)
        {
            return chip == ChipEsp32C3 ? 21 : chip == ChipEsp32 ? 39 : 48;
        }

        /// <summary>
        /// The board for <paramref name="chip"/> and the settings. A named module profile that cannot exist on this
        /// chip (the Dabbler profile on a C3: no GPIO32; the uStepper profile on an ESP32, whose GPIO6/7 are the
        /// flash pins) gives way to the chip's own module and <paramref name="note"/> says so: the default profile is
        /// the Dabbler, so a uStepper works without a setting. Custom takes each pin from the settings, -1 meaning the
        /// chip's module's pin (supply: none). Throws <see cref="System.ArgumentException"/> naming a pin the chip lacks.
        /// </summary>
        public static BoardPins Resolve(int chip, ModuleSettings s, out string? note)
        {
            note = null;
            BoardPins own = chip == ChipEsp32C3 ? UStepperBoard() : DabblerBoard();
            if (s.BoardProfile == Dabbler && chip == ChipEsp32C3)
            {
                note = "board.profile is dabbler but the chip is an ESP32-C3: using the uStepper pins";
                return own;
            }

            if (s.BoardProfile == UStepper && chip == ChipEsp32)
            {
                note = "board.profile is ustepper but the chip is an ESP32: using the Dabbler pins";
                return own;
            }

            if (s.BoardProfile != Custom)
            {
                return s.BoardProfile == UStepper ? UStepperBoard() : DabblerBoard();
            }

            BoardPins custom = new BoardPins(Custom, Pick(s.RxPin, own.RxPin), Pick(s.TxPin, own.TxPin), Pick(s.EnablePin, own.EnablePin),
                s.EnableActive == 1, s.SupplyPin < 0 ? None : s.SupplyPin);
            int max = MaxGpio(chip);
            Check("board.rx_pin", custom.RxPin, max, false, chip);
            Check("board.tx_pin", custom.TxPin, max, true, chip);
            Check("board.enable_pin", custom.EnablePin, max, true, chip);
            if (custom.SupplyPin != None)
            {
                Check("board.supply_pin", custom.SupplyPin, max, true, chip);
            }

            if (custom.RxPin == custom.TxPin || custom.EnablePin == custom.RxPin || custom.EnablePin == custom.TxPin ||
                (custom.SupplyPin != None && (custom.SupplyPin == custom.EnablePin || custom.SupplyPin == custom.RxPin || custom.SupplyPin == custom.TxPin)))
            {
                throw new System.ArgumentException("board: the custom profile uses one GPIO for two signals");
            }

            return custom;
        }

        private static int Pick(int configured, int fallback)
        {
            return configured < 0 ? fallback : configured;
        }

        private static void Check(string name, int pin, int max, bool output, int chip)
        {
            if (pin > max)
            {
                throw new System.ArgumentException(name + ": GPIO" + pin + " does not exist on this chip (highest GPIO" + max + ")");
            }

            if (output && chip == ChipEsp32 && pin >= 34)
            {
                throw new System.ArgumentException(name + ": GPIO" + pin + " is input-only on the ESP32");
            }
        }
    }
}
