using System.Diagnostics.CodeAnalysis;
using NesMep.Core.Json;

namespace NesMep.Core.Tables
{
    /// <summary>
    /// Decodes any supported table window and writes one JSON object:
    /// {"table":"BT23","table_id":23,"offset":0,"count":13, ...decoded fields..., "assumed_layout":false}.
    /// Nothing is written when decoding fails. Not for the steady poll (it allocates decoders).
    /// </summary>
    public static class TableJson
    {
        public const string ErrorNoWriter = "no JSON writer";

        /// <summary>
        /// <paramref name="dims"/>, <paramref name="bt27"/> and <paramref name="bt22"/> may be null. Without
        /// BT21, BT23/BT28 assume a Gen 3 layout (no demand reset byte, no time remaining, no present
        /// demands, default orders) and report "assumed_layout":true; so does a missing BT22/BT27.
        /// </summary>
        public static bool TryWrite(int tableId, byte[] data, int offset, int count, int tableOffset,
            Bt21Dimensions? dims, Bt27Selection? bt27, Bt22Selection? bt22, JsonWriter w, [NotNullWhen(false)] out string? error)
        {
            return TryWrite(tableId, data, offset, count, tableOffset, dims, bt27, bt22, w, null, out error);
        }

        /// <summary>
        /// As above, as the value of property <paramref name="name"/> of an open object (null: a bare value);
        /// the name is written only when the window decodes, so a failure leaves the writer as it was and an
        /// enclosing body can go on streaming.
        /// </summary>
        public static bool TryWrite(int tableId, byte[] data, int offset, int count, int tableOffset,
            Bt21Dimensions? dims, Bt27Selection? bt27, Bt22Selection? bt22, JsonWriter w, string? name, [NotNullWhen(false)] out string? error)
        {
            if (w == null)
            {
                error = ErrorNoWriter;
                return false;
            }

            if (!TableWindow.IsValid(data, offset, count, tableOffset))
            {
                error = TableWindow.ErrorBadArguments;
                return false;
            }

            // Only the tables laid out by BT21 report whether that layout (or their selection) was assumed.
            bool hasDims = dims != null && dims.HasLayout;
            bool assumed = dims == null || !dims.HasLayout || dims.IsAssumed;
            bool layoutDependent = true;
            ITableFields? fields;
            switch (tableId)
            {
                case TableIds.BT22:
                case TableIds.BT27:
                    fields = DecodeSelection(tableId, data, offset, count, tableOffset, dims, out error);
                    break;

                case TableIds.BT23:
                    fields = DecodeBt23(data, offset, count, tableOffset, Layout(dims), hasDims ? bt22 : null,
                        out error);
                    assumed = assumed || !SelectionTable.IsRead(bt22);
                    break;

                case TableIds.BT28:
                    fields = DecodeBt28(data, offset, count, tableOffset, Layout(dims), hasDims ? bt27 : null,
                        out error);
                    assumed = assumed || !SelectionTable.IsRead(bt27);
                    break;

                default:
                    fields = DecodeStandalone(tableId, data, offset, count, tableOffset, out error);
                    layoutDependent = false;
                    break;
            }

            if (error != null)
            {
                return false;
            }

            if (name != null)
            {
                w.Name(name);
            }

            w.BeginObject();
            w.Property("table", TableIds.Name(tableId));
            w.Property("table_id", tableId);
            w.Property("offset", tableOffset);
            w.Property("count", count);
            fields!.WriteJsonFields(w); // every decoder below returns null only with an error
            if (layoutDependent)
            {
                w.Property("assumed_layout", assumed);
            }

            w.EndObject();
            error = null;
            return true;
        }

        /// <summary>The tables that need nothing but the window; null with the error when decoding fails.</summary>
        private static ITableFields? DecodeStandalone(int tableId, byte[] data, int offset, int count, int tableOffset,
            out string? error)
        {
            if (tableId == TableIds.BT20 || tableId == TableIds.BT21)
            {
                if (tableOffset != 0)
                {
                    return NotAtStart(out error);
                }

                Bt21Dimensions t = new Bt21Dimensions();
                return Decoded(t, t.TryDecode(data, offset, count, out error));
            }

            IWindowDecoder? d = NewWindowDecoder(tableId);
            if (d == null)
            {
                error = "no decoder for table " + TableIds.Name(tableId);
                return null;
            }

            return Decoded(d, d.TryDecode(data, offset, count, tableOffset, out error));
        }

        private static IWindowDecoder? NewWindowDecoder(int tableId)
        {
            switch (tableId)
            {
                case TableIds.BT00: return new Bt00GeneralConfig();
                case TableIds.BT01: return new Bt01ManufacturerInfo();
                case TableIds.BT08: return new ProcedureResponse();
                case TableIds.ET59: return new ProcedureResponse();
                case TableIds.BT52: return new Bt52Clock();
                case TableIds.BT55: return new Bt55LocalClock();
                case TableIds.ET03: return new Et03UtilityInfo();
                case TableIds.ET04: return new Et04SystemInfo();
                case TableIds.ET11: return new Et11Dimensions();
                case TableIds.ET13: return new Et13AlertFlags();
                case TableIds.ET50: return new Et50MepFlags();
                default: return null;
            }
        }

        private static ITableFields? DecodeSelection(int tableId, byte[] data, int offset, int count, int tableOffset,
            Bt21Dimensions? dims, out string? error)
        {
            if (tableOffset != 0)
            {
                return NotAtStart(out error);
            }

            SelectionTable t = tableId == TableIds.BT22 ? new Bt22Selection() : new Bt27Selection();
            return Decoded(t, t.TryDecode(data, offset, count, dims, out error));
        }

        private static ITableFields? DecodeBt23(byte[] data, int offset, int count, int tableOffset, Bt21Dimensions dims,
            Bt22Selection? selection, out string? error)
        {
            Bt23Registers t = new Bt23Registers();
            bool ok = Bt23Registers.TryDecode(data, offset, count, tableOffset, dims, selection, t, out error);
            return Decoded(t, ok);
        }

        private static ITableFields? DecodeBt28(byte[] data, int offset, int count, int tableOffset, Bt21Dimensions dims,
            Bt27Selection? selection, out string? error)
        {
            Bt28PresentValues t = new Bt28PresentValues();
            bool ok = Bt28PresentValues.TryDecode(data, offset, count, tableOffset, dims, selection, t, out error);
            return Decoded(t, ok);
        }

        private static ITableFields? Decoded(ITableFields fields, bool ok)
        {
            return ok ? fields : null;
        }

        /// <summary>BT21 if usable, else an assumed Gen 3 layout.</summary>
        private static Bt21Dimensions Layout(Bt21Dimensions? dims)
        {
            if (dims != null && dims.HasLayout)
            {
                return dims;
            }

            Bt21Dimensions d = new Bt21Dimensions();
            d.AssumeGen3Layout();
            return d;
        }

        private static ITableFields? NotAtStart(out string error)
        {
            error = TableWindow.ErrorNotAtStart;
            return null;
        }
    }
}
