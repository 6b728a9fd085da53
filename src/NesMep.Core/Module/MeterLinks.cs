using NesMep.Core.Link;
using NesMep.Core.Optical;
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
        /// <summary>
        /// The link for <paramref name="settings"/> over <paramref name="transport"/>. <paramref name="mepKey"/> is used by
        /// the MEP link only; the optical link takes optical.key (none: it reads only what needs no key, §13.2) and
        /// starts at optical.baud. Throws with a message naming the setting when the chosen link cannot be built.
        /// </summary>
        public static ITableService Build(ModuleSettings settings, IByteTransport transport, ITransceiverControl? transceiver, MepKey mepKey,
            IClock clock, ILog log)
        {
            if (settings.MeterPortName == LinkKind.Optical)
            {
                byte[]? password = null;
                if (settings.OpticalKey.Length > 0)
                {
                    string? error;
                    password = OpticalKey.TryParse(settings.OpticalKey, out error);
                    if (password == null)
                    {
                        throw new System.ArgumentException("optical.key: " + error);
                    }
                }

                C1218LinkSettings optical = new C1218LinkSettings();
                optical.BaudRate = settings.OpticalBaud;
                return new C1218Link(transport, clock, password, optical, log);
            }

            return new MepLink(transport, clock, transceiver, mepKey, settings.ToLinkSettings(), log);
        }
    }
}
