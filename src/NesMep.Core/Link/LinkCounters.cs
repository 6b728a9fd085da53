namespace NesMep.Core.Link
{
    /// <summary>
    /// Health counters every link keeps since start (exposed on /api/v1/status, /metrics and MQTT diagnostics).
    /// A link adds its own through <see cref="SpecificCount"/>, <see cref="SpecificName"/> and
    /// <see cref="SpecificValue"/>, so the views show them by name without knowing the link.
    /// </summary>
    public class LinkCounters
    {
        /// <summary>Frames written, resends included.</summary>
        public int Requests;

        /// <summary>Resends of a frame (after silence, a rejected reply or a NAK).</summary>
        public int Retransmits;

        public int Timeouts;

        /// <summary>Replies rejected by the link's integrity check (MEP digest, C12.18 CRC or data checksum); never decoded.</summary>
        public int IntegrityFailures;

        /// <summary>Times the meter refused the key (MEP 0x0B, C12.18 Security refused).</summary>
        public int AuthenticationFailures;

        /// <summary>Verified replies with an error code from the meter.</summary>
        public int ErrorReplies;

        /// <summary>Replies that verified but did not fit the request (wrong count, write data…).</summary>
        public int MismatchedReplies;

        /// <summary>Frames that could not be parsed.</summary>
        public int MalformedReplies;

        /// <summary>Frames received while no request was outstanding.</summary>
        public int UnsolicitedFrames;

        /// <summary>Transceiver power cycles (MEP) or fresh sessions after errors (C12.18).</summary>
        public int TransceiverResets;

        public int CompletedOk;

        /// <summary>Requests given up after their retry limits.</summary>
        public int Abandoned;

        /// <summary>Number of link-specific counters.</summary>
        public virtual int SpecificCount
        {
            get { return 0; }
        }

        /// <summary>Stable snake_case name of link-specific counter <paramref name="i"/> (JSON key, metrics name part).</summary>
        public virtual string SpecificName(int i)
        {
            return "";
        }

        /// <summary>One-line description of link-specific counter <paramref name="i"/> (metrics HELP).</summary>
        public virtual string SpecificHelp(int i)
        {
            return "";
        }

        public virtual long SpecificValue(int i)
        {
            return 0;
        }

        /// <summary>Index of the link-specific counter named <paramref name="name"/>, or -1 when this link has none by that name.</summary>
        public int IndexOfSpecific(string name)
        {
            for (int i = 0; i < SpecificCount; i++)
            {
                if (SpecificName(i) == name)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
