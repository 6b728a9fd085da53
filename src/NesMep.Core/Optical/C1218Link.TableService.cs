using NesMep.Core.Link;

namespace NesMep.Core.Optical
{
    /// <summary>
    /// <see cref="ITableService"/> on the optical port: a table request is a C12.18 read or write service inside
    /// the link's session; the reply's data window is the table data of the joined reply message. The optical
    /// meter has no alert (Attention is never returned) and no configuration-change hint.
    /// </summary>
    public sealed partial class C1218Link : ITableService
    {
        public string LinkName
        {
            get { return LinkKind.Optical; }
        }

        public string LastResponseName
        {
            get { return C1218Codes.ResponseName(LastResponseCode); }
        }

        public byte[] ReplyData
        {
            get { return _reply; }
        }

        public int ReplyDataOffset
        {
            get { return C1218Services.ReadReplyDataOffset; }
        }

        public int ReplyDataCount
        {
            get { return DataCount; }
        }

        /// <summary>The last request packet as sent.</summary>
        public byte[] RequestFrame
        {
            get { return _tx; }
        }

        public int RequestFrameLength
        {
            get { return _txLength; }
        }

        /// <summary>The last reply's service data (all its packets joined; packet headers and CRCs checked and removed).</summary>
        public byte[] ReplyFrame
        {
            get { return _reply; }
        }

        public int ReplyFrameLength
        {
            get { return _replyLength; }
        }

        public long LastVerifiedReplyMs
        {
            get { return _lastVerifiedMs; }
        }

        /// <summary>Security refusals in a row (0 after the meter accepted the key).</summary>
        public int ConsecutiveAuthenticationFailures
        {
            get { return _consecutiveRefusals; }
        }

        public bool SessionReady
        {
            get { return SessionOpen; }
        }

        public int ConfigurationChangeHints
        {
            get { return 0; }
        }

        LinkCounters ITableService.Counters
        {
            get { return _counters; }
        }

        /// <summary>
        /// Null when the request fits: a read whose reply fits the packets offered (the meter may agree to fewer:
        /// then it answers onp), a write of at most <see cref="MaxWriteData"/> bytes.
        /// </summary>
        public string? Check(TableRequest request)
        {
            if (request.TableId < 0 || request.TableId > 0xFFFF || request.Offset < 0 || request.Offset > 0xFFFFFF)
            {
                return "table id or offset out of range";
            }

            switch (request.Operation)
            {
                case TableOperation.FullRead:
                    return null;
                case TableOperation.PartialRead:
                    int most = SessionOpen ? MaxReadData : OfferedReadData;
                    return request.Count < 1 || request.Count > most
                        ? "an optical read carries 1.." + most + " bytes with the packets negotiated"
                        : null;
                case TableOperation.FullWrite:
                case TableOperation.PartialWrite:
                    return request.Data == null || request.Count < 0 || request.Count > MaxWriteData || request.DataOffset < 0 ||
                           request.DataOffset + request.Count > request.Data.Length
                        ? "an optical write carries 0.." + MaxWriteData + " bytes of data"
                        : null;
                default:
                    return "not a table request";
            }
        }

        public void Submit(TableRequest request)
        {
            _current.CopyFrom(request);
            Start(_current);
        }

        /// <summary>The most table data one read carries if the meter agrees to the packets offered.</summary>
        private int OfferedReadData
        {
            get { return ((_settings.PacketSize - C1218Codes.Overhead) * _settings.MaxPackets) - C1218Services.ReadReplyOverhead; }
        }
    }
}
