using NesMep.Core.Tables;
using NesMep.Core.Tests.Fixtures;
using Xunit;

namespace NesMep.Core.Tests.Tables;

public class IdentityTablesTests
{
    [Fact]
    public void Bt00_decodes_the_typical_configuration()
    {
        byte[] b = TableFixtures.Bytes(TableFixtures.Bt00Typical);
        var t = new Bt00GeneralConfig();
        Assert.True(t.TryDecode(b, 0, b.Length, out string? error), error);
        Assert.Equal(0, t.DataOrder);
        Assert.Equal(1, t.CharFormat);
        Assert.Equal(2, t.TimeFormat);
        Assert.Equal(1, t.DataAccessMethod);
        Assert.Equal(1, t.IdentificationFormat);
        Assert.Equal(0, t.IntegerFormat);
        Assert.Equal(8, t.NiFormat1);
        Assert.Equal(8, t.NiFormat2);
        Assert.Equal("NES", t.Manufacturer);
        Assert.Equal(12, t.MaxResponseDataLength);
        Assert.Equal(9, t.ManufacturerStatusLength);
        Assert.Equal(3, t.PendingTableCount);
    }

    [Fact]
    public void Bt00_short_fails()
    {
        byte[] b = TableFixtures.Bytes(TableFixtures.Bt00Typical);
        Assert.False(new Bt00GeneralConfig().TryDecode(b, 0, 18, out string? error));
        Assert.Equal(Bt00GeneralConfig.ErrorShort, error);
    }

    [Fact]
    public void Bt01_firmware_0x3155_is_3_10_21_and_legacy_49_85()
    {
        byte[] b = TableFixtures.Bytes(TableFixtures.Bt01Full);
        var t = new Bt01ManufacturerInfo();
        Assert.True(t.TryDecode(b, 0, b.Length, out string? error), error);
        Assert.Equal("3.10.21", t.FirmwareVersion);
        Assert.Equal("49.85", t.LegacyVersion);
        Assert.Equal(0x3155, t.FirmwareRaw);
        Assert.Equal(3, t.FirmwareMajor);
        Assert.Equal(10, t.FirmwareMinor);
        Assert.Equal(21, t.FirmwareBuild);
    }

    [Fact]
    public void Bt01_firmware_0x3018_prints_as_the_guide_writes_it_3_00_24()
    {
        byte[] b = TableFixtures.Bytes(TableFixtures.Bt01Full);
        b[14] = 0x30;
        b[15] = 0x18;
        var t = new Bt01ManufacturerInfo();
        Assert.True(t.TryDecode(b, 0, b.Length, out _));
        Assert.Equal("3.00.24", t.FirmwareVersion);
        Assert.Equal("48.24", t.LegacyVersion);
    }

    [Fact]
    public void Bt01_firmware_minor_below_ten_keeps_two_digits_4_09_22()
    {
        byte[] b = TableFixtures.Bytes(TableFixtures.Bt01Full);
        b[14] = 0x41; // (4 << 12) | (9 << 5) | 22 = 0x4136
        b[15] = 0x36;
        var t = new Bt01ManufacturerInfo();
        Assert.True(t.TryDecode(b, 0, b.Length, out _));
        Assert.Equal("4.09.22", t.FirmwareVersion);
        Assert.Equal(4, t.FirmwareMajor);
        Assert.Equal(9, t.FirmwareMinor);
        Assert.Equal(22, t.FirmwareBuild);
    }

    [Fact]
    public void Bt01_strings_are_trimmed_and_raw_is_kept()
    {
        byte[] b = TableFixtures.Bytes(TableFixtures.Bt01Full);
        var t = new Bt01ManufacturerInfo();
        Assert.True(t.TryDecode(b, 0, b.Length, out _));
        Assert.Equal("NES", t.Manufacturer);
        Assert.Equal("NES ", t.ManufacturerRaw);
        Assert.Equal("83331-3I", t.Model);
        Assert.Equal(1, t.HardwareVersion);
        Assert.Equal(2, t.HardwareRevision);
        Assert.Equal("0000123456789012", t.SerialNumber);
    }

    [Fact]
    public void Bt01_with_12_bytes_has_no_firmware_and_no_serial()
    {
        byte[] b = TableFixtures.Bytes(TableFixtures.Bt01Full);
        var t = new Bt01ManufacturerInfo();
        Assert.True(t.TryDecode(b, 0, 12, out _));
        Assert.False(t.HasFirmware);
        Assert.Null(t.FirmwareVersion);
        Assert.Equal(TableWindow.Absent, t.HardwareVersion);
        Assert.Null(t.SerialNumber);
    }

    [Fact]
    public void Et03_serial_stops_at_nul_and_drops_trailing_spaces()
    {
        byte[] b = TableFixtures.Et03();
        var t = new Et03UtilityInfo();
        Assert.True(t.TryDecode(b, 0, b.Length, out string? error), error);
        Assert.Equal("7001234567", t.UtilitySerialNumber);
        Assert.Equal(0xBEEF, t.ImageCrc);
    }

    [Fact]
    public void Et03_of_30_bytes_has_no_image_crc()
    {
        byte[] b = TableFixtures.Et03();
        var t = new Et03UtilityInfo();
        Assert.True(t.TryDecode(b, 0, 30, out _));
        Assert.Equal(TableWindow.Absent, t.ImageCrc);
        Assert.False(t.TryDecode(b, 0, 29, out string? error));
        Assert.Equal(Et03UtilityInfo.ErrorShort, error);
    }

    [Fact]
    public void Et04_decodes_selected_fields()
    {
        byte[] b = TableFixtures.Et04();
        var t = new Et04SystemInfo();
        Assert.True(t.TryDecode(b, 0, b.Length, out string? error), error);
        Assert.Equal(5, t.Node);
        Assert.Equal(50, t.RatedFrequencyHz);
        Assert.Equal("0102030405060708", t.ProgramId);
        Assert.Equal(5000, t.RegistrationCurrentMa);
        Assert.Equal(60, t.MaxCurrentA);
        Assert.Equal(230, t.RatedVoltageV);
        Assert.True(t.HasMepSequenceNumber);
        Assert.Equal(0x12345678u, t.MepSequenceNumber);
        Assert.Equal(7, t.IdtVersion);
        Assert.Equal(0, t.SecurityMode);
        Assert.Equal(100u, t.PortSequenceNumber(0));
        Assert.Equal(0xFFFFFFFEu, t.PortSequenceNumber(1));
    }

    [Fact]
    public void Et04_partial_window_decodes_only_fields_inside_it()
    {
        byte[] b = TableFixtures.Et04();
        var t = new Et04SystemInfo();
        Assert.True(t.TryDecode(b, 103, 4, 103, out _));
        Assert.Equal(0x12345678u, t.MepSequenceNumber);
        Assert.Equal(TableWindow.Absent, t.RatedVoltageV);
        Assert.Equal(TableWindow.Absent, t.IdtVersion);
        Assert.Null(t.ProgramId);
        Assert.False(t.HasPortSequenceNumber(0));
        Assert.False(t.TryDecode(b, 30, 10, 30, out string? error));
        Assert.Equal(Et04SystemInfo.ErrorNoField, error);
    }

    [Fact]
    public void Et11_transaction_example_decodes_uint16_little_endian()
    {
        byte[] b = TableFixtures.Bytes(TableFixtures.Et11Transaction);
        var t = new Et11Dimensions();
        Assert.True(t.TryDecode(b, 0, b.Length, out string? error), error);
        Assert.Equal(5, t.DeviceCount);
        Assert.Equal(66, t.Et13EntrySize);
        Assert.Equal(36, t.Et14EntrySize);
        Assert.Equal(517, t.Et16DataEntrySize);
        Assert.Equal(769, t.Et52RequestLength);
        Assert.Equal(TableWindow.Absent, t.Et53ResponseLength);
        Assert.Equal(TableWindow.Absent, t.MepDataSources);
        Assert.Equal(TableWindow.Absent, t.MepChannelCount);
    }

    [Fact]
    public void Et11_full_decodes_mep_data_sources_and_channel_count()
    {
        byte[] b = TableFixtures.Et11Full();
        var t = new Et11Dimensions();
        Assert.True(t.TryDecode(b, 0, b.Length, out _));
        Assert.Equal(1785, t.Et53ResponseLength);
        Assert.Equal(6, t.MepDataSources);
        Assert.Equal(2, t.MepChannelCount);
        Assert.Equal(769, t.RamOnlyResponseLength);
        Assert.Equal(3, t.ErrorScreenCount);
    }
}
