using NesMep.Core.Protocol;

namespace NesMep.Core.Link
{
    /// <summary>
    /// <see cref="ITableService"/> on MEP: a table request becomes a MEP request (a full read carries the
    /// 2-byte max length the Dabbler firmware sends, §3.2), the reply's data window is the table data inside
    /// the verified frame, and sequence jumps are the configuration-change hint.
    /// </summary>
    public sealed partial class MepLink
    {
        private readonly MepRequest _fromTable = new MepRequest();

        public string LinkName
        {
            get { return LinkKind.Mep; }
        }

        public string LastResponseName
        {
            get { return MepCodes.ResponseName(LastResponseCode); }
        }

        public byte[] ReplyData
        {
            get { return _reply; }
        }

        /// <summary>Positions in the parsed reply refer to the assembler buffer; the copy in ReplyFrame has the same layout.</summary>
        public int ReplyDataOffset
        {
            get { return _response.DataOffset; }
        }

        public int ReplyDataCount
        {
            get { return _response.DataCount; }
        }

        public bool SessionReady
        {
            get { return _sequenceLearned; }
        }

        public int ConfigurationChangeHints
        {
            get { return _counters.SequenceJumps; }
        }

        LinkCounters ITableService.Counters
        {
            get { return _counters; }
        }

        public string? Check(TableRequest request)
        {
            return MepRequestWriter.Validate(ToMep(request, _fromTable));
        }

        public void Submit(TableRequest request)
        {
            Submit(ToMep(request, _fromTable));
        }

        /// <summary>Fills <paramref name="into"/> with the MEP form of <paramref name="request"/>; allocates nothing.</summary>
        public static MepRequest ToMep(TableRequest request, MepRequest into)
        {
            switch (request.Operation)
            {
                case TableOperation.FullRead:
                    return into.SetFullRead(request.TableId, MepRequest.DefaultFullReadMaxLength);
                case TableOperation.PartialRead:
                    return into.SetPartialRead(request.TableId, request.Offset, request.Count);
                case TableOperation.FullWrite:
                    return into.SetFullWrite(request.TableId, request.Data!, request.DataOffset, request.Count);
                case TableOperation.PartialWrite:
                    return into.SetPartialWrite(request.TableId, request.Offset, request.Data!, request.DataOffset, request.Count);
                default:
                    into.SetFullRead(request.TableId, MepRequest.DefaultFullReadMaxLength);
                    into.Code = 0; // no table service: MepRequestWriter.Validate names it
                    return into;
            }
        }
    }
}
