using System;
using NesMep.Core.Protocol;
using nanoFramework.TestFramework;

namespace NesMep.Core.NanoTests
{
    /// <summary>The MEP key in its three accepted forms (20 characters, 40 or 32 hex digits) and a refused one.</summary>
    [TestClass]
    public class KeyParsingTests
    {
        private const string Ascii = "Xtz;~,hVVyOE@KyrOiV+";

        [TestMethod]
        public void Twenty_characters_forty_hex_digits_and_thirty_two_hex_digits_give_the_same_key()
        {
            MepKey ascii = MepKey.Parse(Ascii);
            MepKey hex40 = MepKey.Parse("58747A3B7E2C685656794F45404B79724F69562B");
            MepKey hex32 = MepKey.Parse("  58 74 7A 3B 7E 2C 68 56 56 79 4F 45 40 4B 79 72 ");
            Assert.IsTrue(ascii.Form == MepKeyForm.Ascii20, "ascii form");
            Assert.IsTrue(hex40.Form == MepKeyForm.Hex40, "hex40 form");
            Assert.IsTrue(hex32.Form == MepKeyForm.Hex32, "hex32 form");
            Assert.IsTrue(hex40.SameBytes(ascii), "hex40 = ascii");
            Assert.IsTrue(hex32.SameBytes(ascii), "hex32 = ascii");
        }

        [TestMethod]
        public void Only_the_first_sixteen_characters_are_key_bytes()
        {
            Assert.IsTrue(MepKey.Parse("ABCDEFGHIJKLMNOPqrst").SameBytes(MepKey.Parse("ABCDEFGHIJKLMNOPwxyz")));
        }

        [TestMethod]
        public void A_key_of_another_length_is_refused_without_echoing_it()
        {
            string? error;
            MepKey? key = MepKey.TryParse("SECRET-KEY-19-CHARS", out error);
            Assert.IsNull(key);
            Assert.IsTrue(error!.IndexOf("20 characters") >= 0, error); // TryParse gives the reason with null
            Assert.IsTrue(error.IndexOf("SECR") < 0, error);
            Assert.ThrowsException(typeof(FormatException), () => MepKey.Parse("SECRET-KEY-19-CHARS"));
        }

        [TestMethod]
        public void The_key_text_never_shows_the_key()
        {
            string shown = MepKey.Parse(Ascii).ToString();
            Assert.IsTrue(shown.IndexOf("Xtz") < 0, shown);
            Assert.IsTrue(shown.IndexOf("****") >= 0, shown);
        }
    }
}
