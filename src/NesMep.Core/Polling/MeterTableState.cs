using NesMep.Core.Tables;

namespace NesMep.Core.Polling
{
    /// <summary>
    /// What the configuration reads taught us about this meter: dimensions and selections that
    /// locate values in BT23/BT28 (never fixed positions), alert and procedure settings.
    /// Preallocated; the decoders refill these objects.
    /// </summary>
    public sealed class MeterTableState
    {
        public readonly Bt00GeneralConfig General = new Bt00GeneralConfig();
        public readonly Bt01ManufacturerInfo Manufacturer = new Bt01ManufacturerInfo();
        public readonly Bt21Dimensions Dimensions = new Bt21Dimensions();
        public readonly Bt22Selection Summations = new Bt22Selection();
        public readonly Bt27Selection PresentValues = new Bt27Selection();
        public readonly Et03UtilityInfo Utility = new Et03UtilityInfo();
        public readonly Et04SystemInfo System = new Et04SystemInfo();
        public readonly Et11Dimensions MfgDimensions = new Et11Dimensions();
        public readonly Et50MepFlags MepFlags = new Et50MepFlags();
        public readonly Et13AlertFlags AlertFlags = new Et13AlertFlags();
        public readonly Bt52Clock Clock = new Bt52Clock();
        public readonly Bt23Registers Registers = new Bt23Registers();
        public readonly Bt28PresentValues Present = new Bt28PresentValues();
        public readonly ProcedureResponse ProcedureResult = new ProcedureResponse();

        /// <summary>IDT version seen at configuration time (ET04 offset 116), or -1.</summary>
        public int ConfiguredIdtVersion = -1;
    }
}
