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
            Bt21Dimensions dims, Bt27Selection bt27, Bt22Selection bt22, JsonWriter w, out string error)
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

            bool hasDims = dims != null && dims.HasLayout;
            bool layoutDependent = false;
            bool assumed = !hasDims || dims.IsAssumed;
            ITableFields fields = null;
            bool ok;
            switch (tableId)
            {
                case TableIds.BT00:
                    {
                        Bt00GeneralConfig t = new Bt00GeneralConfig();
                        ok = t.TryDecode(data, offset, count, tableOffset, out error);
                        fields = t;
                        break;
                    }

                case TableIds.BT01:
                    {
                        Bt01ManufacturerInfo t = new Bt01ManufacturerInfo();
                        ok = t.TryDecode(data, offset, count, tableOffset, out error);
                        fields = t;
                        break;
                    }

                case TableIds.BT08:
                case TableIds.ET59:
                    {
                        ProcedureResponse t = new ProcedureResponse();
                        ok = t.TryDecode(data, offset, count, tableOffset, out error);
                        fields = t;
                        break;
                    }

                case TableIds.BT20:
                case TableIds.BT21:
                    {
                        Bt21Dimensions t = new Bt21Dimensions();
                        ok = tableOffset == 0 ? t.TryDecode(data, offset, count, out error) : NotAtStart(out error);
                        fields = t;
                        break;
                    }

                case TableIds.BT22:
                    {
                        Bt22Selection t = new Bt22Selection();
                        ok = tableOffset == 0 ? t.TryDecode(data, offset, count, dims, out error) : NotAtStart(out error);
                        fields = t;
                        layoutDependent = true;
                        break;
                    }

                case TableIds.BT27:
                    {
                        Bt27Selection t = new Bt27Selection();
                        ok = tableOffset == 0 ? t.TryDecode(data, offset, count, dims, out error) : NotAtStart(out error);
                        fields = t;
                        layoutDependent = true;
                        break;
                    }

                case TableIds.BT23:
                    {
                        Bt21Dimensions d = hasDims ? dims : Assumed();
                        Bt22Selection sel = hasDims ? bt22 : null;
                        assumed = assumed || sel == null || !sel.IsKnown || sel.IsDefaultOrder;
                        Bt23Registers t = new Bt23Registers();
                        ok = Bt23Registers.TryDecode(data, offset, count, tableOffset, d, sel, t, out error);
                        fields = t;
                        layoutDependent = true;
                        break;
                    }

                case TableIds.BT28:
                    {
                        Bt21Dimensions d = hasDims ? dims : Assumed();
                        Bt27Selection sel = hasDims ? bt27 : null;
                        assumed = assumed || sel == null || !sel.IsKnown || sel.IsDefaultOrder;
                        Bt28PresentValues t = new Bt28PresentValues();
                        ok = Bt28PresentValues.TryDecode(data, offset, count, tableOffset, d, sel, t, out error);
                        fields = t;
                        layoutDependent = true;
                        break;
                    }

                case TableIds.BT52:
                    {
                        Bt52Clock t = new Bt52Clock();
                        ok = t.TryDecode(data, offset, count, tableOffset, out error);
                        fields = t;
                        break;
                    }

                case TableIds.BT55:
                    {
                        Bt55LocalClock t = new Bt55LocalClock();
                        ok = t.TryDecode(data, offset, count, tableOffset, out error);
                        fields = t;
                        break;
                    }

                case TableIds.ET03:
                    {
                        Et03UtilityInfo t = new Et03UtilityInfo();
                        ok = t.TryDecode(data, offset, count, tableOffset, out error);
                        fields = t;
                        break;
                    }

                case TableIds.ET04:
                    {
                        Et04SystemInfo t = new Et04SystemInfo();
                        ok = t.TryDecode(data, offset, count, tableOffset, out error);
                        fields = t;
                        break;
                    }

                case TableIds.ET11:
                    {
                        Et11Dimensions t = new Et11Dimensions();
                        ok = t.TryDecode(data, offset, count, tableOffset, out error);
                        fields = t;
                        break;
                    }

                case TableIds.ET13:
                    {
                        Et13AlertFlags t = new Et13AlertFlags();
                        ok = t.TryDecode(data, offset, count, tableOffset, out error);
                        fields = t;
                        break;
                    }

                case TableIds.ET50:
                    {
                        Et50MepFlags t = new Et50MepFlags();
                        ok = t.TryDecode(data, offset, count, tableOffset, out error);
                        fields = t;
                        break;
                    }

                default:
                    error = "no decoder for table " + TableIds.Name(tableId);
                    return false;
            }

            if (!ok)
            {
                return false;
            }

            w.BeginObject();
            w.Property("table", TableIds.Name(tableId));
            w.Property("table_id", tableId);
            w.Property("offset", tableOffset);
            w.Property("count", count);
            fields.WriteJsonFields(w);
            if (layoutDependent)
            {
                w.Property("assumed_layout", assumed);
            }

            w.EndObject();
            error = null;
            return true;
        }

        private static Bt21Dimensions Assumed()
        {
            Bt21Dimensions d = new Bt21Dimensions();
            d.AssumeGen3Layout();
            return d;
        }

        private static bool NotAtStart(out string error)
        {
            error = TableWindow.ErrorNotAtStart;
            return false;
        }
    }
}
