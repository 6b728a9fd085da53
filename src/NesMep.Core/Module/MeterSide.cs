using System;
using NesMep.Core.Api;
using NesMep.Core.Link;
using NesMep.Core.Model;
using NesMep.Core.Platform;
using NesMep.Core.Polling;
using NesMep.Core.Protocol;
using NesMep.Core.Web;

namespace NesMep.Core.Module
{
    /// <summary>
    /// The meter side of one set of settings: link, poller, reading and the <see cref="ModuleContext"/> the
    /// views read, over the transport a host opened. New settings replace it as a whole.
    /// </summary>
    public sealed class MeterSide
    {
        /// <summary>
        /// Builds the side over <paramref name="transport"/> with the link, poll and quality settings mapped from
        /// <paramref name="settings"/>. <paramref name="connection"/> is the transport's
        /// connection state when it can drop (TCP), else null; <paramref name="resources"/> is what the host opened
        /// for this side (port, socket, simulator), disposed by <see cref="Close"/>.
        /// </summary>
        public MeterSide(IByteTransport transport, ITransceiverControl? transceiver, IMeterConnection? connection, MepKey key,
            ModuleSettings settings, IClock clock, ILog log, ModuleInfo info, IDisposable? resources)
        {
            // Copies: the settings object may be edited (web UI) while this side runs; new settings build a new side.
            Link = MeterLinks.Build(settings, transport, transceiver, key, clock, log);
            Reading = new MeterReading(settings.ToQualitySettings());
            Poller = new MeterPoller(Link, clock, settings.ToPollSettings(), Reading, log);
            Context = new ModuleContext(info, clock, Poller);
            Connection = connection;
            Resources = resources;
        }

        /// <summary>The link's table service: the poller and the views use nothing else of it.</summary>
        public ITableService Link { get; private set; }

        public MeterPoller Poller { get; private set; }

        public MeterReading Reading { get; private set; }

        public ModuleContext Context { get; private set; }

        public IMeterConnection? Connection { get; private set; }

        public IDisposable? Resources { get; private set; }

        /// <summary>Closes what the host opened for this side (once; later calls do nothing).</summary>
        public void Close()
        {
            IDisposable? resources = Resources;
            Resources = null;
            if (resources != null)
            {
                resources.Dispose();
            }
        }
    }
}
