using NesMep.Core.Platform;
using NesMep.Core.Web;
using Xunit;

namespace NesMep.Core.Tests.Platform;

/// <summary>The firmware's board choice (issue 11): modules work without a setting, a DIY build is one change, bad pins are refused by name.</summary>
public class BoardPinsTests
{
    [Theory]
    [InlineData("ESP32_REV3", BoardPins.ChipEsp32)]
    [InlineData("ESP32_REV0", BoardPins.ChipEsp32)]
    [InlineData("ESP32_PSRAM_REV3", BoardPins.ChipEsp32)]
    [InlineData("ESP32_C3", BoardPins.ChipEsp32C3)]
    [InlineData("esp32_c3", BoardPins.ChipEsp32C3)]
    [InlineData("ESP32_S3", BoardPins.ChipOther)]
    [InlineData("ESP32_C6", BoardPins.ChipOther)]
    [InlineData("", BoardPins.ChipOther)]
    public void Chip_from_the_target_name(string target, int chip) => Assert.Equal(chip, BoardPins.ChipOf(target));

    [Fact]
    public void Default_settings_give_each_chip_its_module()
    {
        var dabbler = BoardPins.Resolve(BoardPins.ChipEsp32, new ModuleSettings(), out string? note);
        Assert.Null(note);
        Assert.Equal((16, 17, 5, true, 32), (dabbler.RxPin, dabbler.TxPin, dabbler.EnablePin, dabbler.EnableActiveLow, dabbler.SupplyPin));

        var ustepper = BoardPins.Resolve(BoardPins.ChipEsp32C3, new ModuleSettings(), out note);
        Assert.Equal(BoardPins.UStepper, ustepper.Profile);
        Assert.Equal((6, 7, 5, true, BoardPins.None), (ustepper.RxPin, ustepper.TxPin, ustepper.EnablePin, ustepper.EnableActiveLow, ustepper.SupplyPin));
        Assert.Contains("ESP32-C3", note);
    }

    [Fact]
    public void A_module_profile_the_chip_cannot_have_gives_way_with_a_note()
    {
        var s = new ModuleSettings { BoardProfile = BoardPins.UStepper };
        var pins = BoardPins.Resolve(BoardPins.ChipEsp32, s, out string? note);
        Assert.Equal(BoardPins.Dabbler, pins.Profile);
        Assert.Contains("ESP32", note);
    }

    [Fact]
    public void Custom_takes_each_pin_from_the_settings_and_the_rest_from_the_chips_module()
    {
        var s = new ModuleSettings { BoardProfile = BoardPins.Custom, RxPin = 25, EnablePin = 26, EnableActive = 0 };
        var pins = BoardPins.Resolve(BoardPins.ChipEsp32, s, out string? note);
        Assert.Null(note);
        Assert.Equal((25, 17, 26, false, BoardPins.None), (pins.RxPin, pins.TxPin, pins.EnablePin, pins.EnableActiveLow, pins.SupplyPin));

        s.SupplyPin = 27;
        s.EnableActive = 1;
        pins = BoardPins.Resolve(BoardPins.ChipEsp32, s, out _);
        Assert.True(pins.EnableActiveLow);
        Assert.Equal(27, pins.SupplyPin);
    }

    [Theory]
    [InlineData(BoardPins.ChipEsp32C3, 22, -1, -1, "board.rx_pin: GPIO22 does not exist")]
    [InlineData(BoardPins.ChipEsp32, -1, 35, -1, "board.tx_pin: GPIO35 is input-only")]
    [InlineData(BoardPins.ChipEsp32, -1, -1, 17, "one GPIO for two signals")]
    public void Custom_pins_the_chip_cannot_drive_are_refused_by_name(int chip, int rx, int tx, int enable, string message)
    {
        var s = new ModuleSettings { BoardProfile = BoardPins.Custom, RxPin = rx, TxPin = tx, EnablePin = enable };
        var e = Assert.Throws<ArgumentException>(() => BoardPins.Resolve(chip, s, out _));
        Assert.Contains(message, e.Message);
    }
}
