using System.Text;
using NesMep.Core.Api;
using NesMep.Core.Json;
using NesMep.Core.NanoTests.Support;
using NesMep.Core.Protocol;
using NesMep.Core.Tables;
using NesMep.Core.Tests.Fixtures;
using NesMep.Core.Web;
using nanoFramework.TestFramework;

namespace NesMep.Core.NanoTests
{
    /// <summary>
    /// Text handling where the nanoFramework runtime differs from net10 (nanoframework.md, measured facts): the
    /// string indexer returns the high surrogate twice for a pair and costs O(length), so the core walks text as
    /// char[]; fixed-point numbers at the edges of long.
    /// </summary>
    [TestClass]
    public class TextAndJsonTests
    {
        // U+1F3E0 (house) and U+26A1 (high voltage): one surrogate pair and one BMP character.
        private const string House = "\uD83C\uDFE0";
        private const string Bolt = "\u26A1";

        private static string Fixed(long value, int decimals)
        {
            var sb = new StringBuilder();
            JsonWriter.AppendFixed(sb, value, decimals);
            return sb.ToString();
        }

        private static string JsonString(string value)
        {
            var sb = new StringBuilder();
            JsonWriter.AppendString(sb, value);
            return sb.ToString();
        }

        [TestMethod]
        public void A_character_outside_the_BMP_is_written_as_itself()
        {
            Assert.AreEqual("\"Meter " + House + Bolt + "\"", JsonString("Meter " + House + Bolt));
        }

        [TestMethod]
        public void Control_characters_are_escaped()
        {
            Assert.AreEqual("\"a\\u0001b\\u007fc\\n\\\"\\\\\"", JsonString("a\u0001b\u007Fc\n\"\\"));
        }

        [TestMethod]
        public void Property_names_are_escaped_only_when_they_need_it()
        {
            var w = new JsonWriter();
            w.BeginObject();
            w.Property("plain_" + House, 1);
            w.Property("tab\there \"q\"", 2);
            w.EndObject();
            Assert.AreEqual("{\"plain_" + House + "\":1,\"tab\\there \\\"q\\\"\":2}", w.ToString());
        }

        [TestMethod]
        public void Fixed_point_covers_the_whole_range_of_long()
        {
            Assert.AreEqual("-9223372036854775.808", Fixed(long.MinValue, 3));
            Assert.AreEqual("9223372036854775.807", Fixed(long.MaxValue, 3));
            Assert.AreEqual("-0.005", Fixed(-5, 3));
            Assert.AreEqual("65845.342", Fixed(65845342, 3));
            Assert.AreEqual("1234", Fixed(1234, 0));
        }

        [TestMethod]
        public void A_module_name_with_an_emoji_reaches_the_dabbler_body_intact()
        {
            var rig = new PollRig();
            rig.Context.Info.Name = "Mep " + House;
            string body = ApiRouter.Render(RouteTable.Dabbler, rig.Context);
            Assert.IsTrue(body.IndexOf("\"ESP_SW\":\"Mep " + House + "\"") >= 0, body);
        }

        [TestMethod]
        public void Metrics_label_values_are_escaped_and_keep_an_emoji()
        {
            var rig = new PollRig();
            rig.Context.Info.Version = "1\"2\\3\n4" + House;
            rig.Context.Info.Platform = "nano";
            string body = ApiRouter.Render(RouteTable.Metrics, rig.Context);
            string line = "nesmep_build_info{version=\"1\\\"2\\\\3\\n4" + House + "\",platform=\"nano\"} 1\n";
            Assert.IsTrue(body.IndexOf(line) >= 0, body);
        }

        [TestMethod]
        public void Hex_of_a_long_reply_round_trips()
        {
            byte[] bt23 = TableFixtures.BuildBt23(TableFixtures.Bt21Gen3);
            string spaced = Hex.Format(bt23, 0, bt23.Length, true);
            byte[] back = Hex.Parse("0x" + spaced);
            Assert.AreEqual(bt23.Length, back.Length);
            Assert.AreEqual(Hex.Format(bt23), Hex.Format(back));
        }

        [TestMethod]
        public void Table_ids_parse_and_print()
        {
            Assert.AreEqual(0x17, TableIds.Parse(" bt23 "));
            Assert.AreEqual(0x803, TableIds.Parse("ET3"));
            Assert.AreEqual(0x1234, TableIds.Parse("0x1234"));
            Assert.AreEqual(-1, TableIds.Parse("0xG1"));
            Assert.AreEqual("0xABCD", TableIds.Name(0xABCD));
        }
    }
}
