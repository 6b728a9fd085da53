using System;
using NesMep.Core.Protocol;
using NesMep.Core.Tests.Fixtures;

namespace NesMep.Core.NanoTests.Support
{
    /// <summary>
    /// The tables of a constructed Gen 3 meter for the loopback meter, made from the shared fixtures
    /// (tests/NesMep.Core.Tests/Fixtures): BT21 <see cref="TableFixtures.Bt21Gen3"/> (11 summations, 4 tiers,
    /// 41 present values), BT23 and BT28 from the fixture builders, BT01 <see cref="TableFixtures.Bt01Full"/>,
    /// ET03 <see cref="TableFixtures.Et03"/> and BT52 <see cref="TableFixtures.Bt52WithFlags"/>. Tables it
    /// does not hold are refused with 0x05, as a meter does, so the poller falls back to the defaults.
    /// The import register can be moved to test the published values.
    /// </summary>
    public sealed class LoopbackTables
    {
        private readonly byte[] _bt01 = Hex.Parse(TableFixtures.Bt01Full);
        private readonly byte[] _bt21 = Hex.Parse(TableFixtures.Bt21Gen3);
        private readonly byte[] _bt23 = TableFixtures.BuildBt23(TableFixtures.Bt21Gen3);
        private readonly byte[] _bt28 = TableFixtures.BuildBt28Default(TableFixtures.Bt21Gen3);
        private readonly byte[] _bt52 = Hex.Parse(TableFixtures.Bt52WithFlags);
        private readonly byte[] _et03 = TableFixtures.Et03();

        /// <summary>Summation #0 of the total block (Fwd Wh) as the meter holds it now.</summary>
        public int ImportWh
        {
            get { return ByteOrder.ReadInt32LE(_bt23, 0); }
            set { ByteOrder.WriteInt32LE(_bt23, 0, value); }
        }

        /// <summary>Copies the requested window into <paramref name="into"/>; count &lt; 0 is a full read.
        /// Returns the bytes served, or -1 when the meter has no such table.</summary>
        public int Serve(int table, int offset, int count, byte[] into)
        {
            byte[]? image = Image(table);
            if (image == null)
            {
                return -1;
            }

            if (count < 0)
            {
                count = image.Length - offset;
            }

            // Beyond the end of a table a meter answers zeros (BT28 reads may be sized past the values).
            Array.Clear(into, 0, count);
            int available = image.Length - offset;
            if (available > 0)
            {
                Array.Copy(image, offset, into, 0, available < count ? available : count);
            }

            return count;
        }

        private byte[]? Image(int table)
        {
            switch (table)
            {
                case 0x01: return _bt01;
                case 0x15: return _bt21;
                case 0x17: return _bt23;
                case 0x1C: return _bt28;
                case 0x34: return _bt52;
                case 0x803: return _et03;
                default: return null;
            }
        }
    }
}
