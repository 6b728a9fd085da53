namespace NesMep.Core.Model
{
    /// <summary>Who the meter is (BT01, ET03): filled by the configuration reads, empty until then.</summary>
    public sealed class MeterIdentity
    {
        public string Manufacturer = "";
        public string Model = "";

        /// <summary>Decoded firmware version, e.g. "3.10.21" (§5.2).</summary>
        public string FirmwareVersion = "";

        /// <summary>The Dabbler-style "byte14.byte15" string, e.g. "49.85", kept for compatibility.</summary>
        public string FirmwareLegacy = "";

        /// <summary>ET03 utility serial number; Home Assistant's device id, so it must be stable.</summary>
        public string UtilitySerial = "";

        public bool Known;
    }
}
