using System;
using NesMep.Core.Link;
using NesMep.Core.Platform;
using NesMep.Core.Protocol;
using NesMep.Core.Web;

namespace NesMep.Core.Module
{
    /// <summary>
    /// Builds the table service the meter side polls through, chosen by the setting meter.port: the MEP link, or the
    /// C12.18 optical link (issue 13). The poller and the views take whichever is built; nothing else depends on the choice.
    /// </summary>
    public static class MeterLinks
    {
        /// <summary>Why an optical meter side cannot start in a build without the C12.18 link.</summary>
        public const string OpticalNotBuilt =
            "meter.port is optical, but the optical link (ANSI C12.18) is not built in this version; set meter.port to mep";

        /// <summary>
        /// The link for <paramref name="settings"/> over <paramref name="transport"/>. <paramref name="mepKey"/> is used by
        /// the MEP link only. Throws with a message naming the setting when the chosen link cannot be built.
        /// </summary>
        public static ITableService Build(ModuleSettings settings, IByteTransport transport, ITransceiverControl? transceiver, MepKey mepKey,
            IClock clock, ILog log)
        {
            if (settings.MeterPortName == LinkKind.Optical)
            {
                // The seam for the C12.18 link: built here from settings.OpticalKey and settings.OpticalBaud.
                throw new InvalidOperationException(OpticalNotBuilt);
            }

            return new MepLink(transport, clock, transceiver, mepKey, settings.ToLinkSettings(), log);
        }
    }
}
