using NesMep.Core.Link;
using NesMep.Core.Protocol;
using NesMep.Core.Tables;

namespace NesMep.Core.Web
{
    /// <summary>
    /// The raw console's form: table (name like BT01/ET03, 0x0017 or decimal), offset and count.
    /// Count omitted means a full read. Only reads can be expressed: there is no field for a
    /// request code or data, and an "op" other than "read" is refused.
    /// </summary>
    public static class ConsoleForm
    {
        /// <summary>Fills <paramref name="request"/> with a read; returns false with field errors otherwise.</summary>
        public static bool TryParse(FormBody form, TableRequest request, FieldErrors errors)
        {
            for (int i = 0; i < form.Count; i++)
            {
                string n = form.Name(i);
                if (n != "op" && n != "table" && n != "offset" && n != "count")
                {
                    errors.Add(n, "unknown field; the console only reads tables (table, offset, count)");
                }
            }

            string? op = form.Get("op");
            if (op != null && op != "read")
            {
                errors.Add("op", "only reads are allowed: the console never writes tables or runs procedures");
            }

            string? tableText = form.Get("table");
            int table = tableText == null ? -1 : TableIds.Parse(tableText);
            if (tableText == null || tableText.Trim().Length == 0)
            {
                errors.Add("table", "give a table: BT01, ET03, 0x0017 or a number");
            }
            else if (table < 0)
            {
                errors.Add("table", "not a table id: use BT00..BT2047, ET00..ET2047, 0x0000..0xFFFF or 0..65535");
            }

            string offsetText = Trimmed(form.Get("offset"));
            string countText = Trimmed(form.Get("count"));
            int offset = 0;
            int count = 0;
            if (offsetText.Length > 0 && !ParseNumber(offsetText, out offset))
            {
                errors.Add("offset", "must be a whole number (decimal or 0x hex)");
            }
            else if (offset < 0 || offset > 0xFFFFFF)
            {
                errors.Add("offset", "must be 0..16777215");
            }

            if (countText.Length > 0)
            {
                if (!ParseNumber(countText, out count))
                {
                    errors.Add("count", "must be a whole number (decimal or 0x hex)");
                }
                else if (count < 1 || count > TableRequest.MaxReadCount)
                {
                    errors.Add("count", "must be 1.." + TableRequest.MaxReadCount + " so the reply fits the 476-byte MEP limit");
                }
            }
            else if (offset != 0)
            {
                errors.Add("count", "a read from an offset needs a count (a full read always starts at 0)");
            }

            if (errors.Count > 0)
            {
                return false;
            }

            if (countText.Length == 0)
            {
                request.SetFullRead(table);
            }
            else
            {
                request.SetPartialRead(table, offset, count);
            }

            // The link checks what it can carry when the read is queued (ITableService.Check).
            return request.IsRead;
        }

        private static string Trimmed(string? s)
        {
            return s == null ? "" : s.Trim();
        }

        private static bool ParseNumber(string text, out int value)
        {
            value = 0;
            char[] chars = text.ToCharArray();
            if (chars.Length > 2 && chars[0] == '0' && (chars[1] == 'x' || chars[1] == 'X'))
            {
                if (chars.Length > 8)
                {
                    return false;
                }

                for (int i = 2; i < chars.Length; i++)
                {
                    int d = Hex.DigitValue(chars[i]);
                    if (d < 0)
                    {
                        return false;
                    }

                    value = (value << 4) | d;
                }

                return true;
            }

            return WebText.TryParseInt(text, out value);
        }
    }
}
