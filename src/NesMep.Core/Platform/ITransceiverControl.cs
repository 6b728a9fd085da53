namespace NesMep.Core.Platform
{
    /// <summary>
    /// The platform's handle on the line driver: GPIO power/ENABLE on the module, DTR/RTS on Linux.
    /// The core decides when and for how long; the adapter only switches.
    /// </summary>
    public interface ITransceiverControl
    {
        /// <summary>true: transceiver powered and MEP ENABLE asserted; false: both off.</summary>
        void SetPowered(bool on);
    }
}
