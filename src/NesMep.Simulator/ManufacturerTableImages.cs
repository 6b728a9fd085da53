using NesMep.Core.Protocol;

namespace NesMep.Simulator;

/// <summary>
/// Images of the NES manufacturer tables that depend on the profile (reference §5.9–§5.17): ET04,
/// ET11 and ET70 built on every read, and the initial contents of the stored ET03, ET13 and ET51.
/// All numbers little-endian (§3.5).
/// </summary>
internal sealed class ManufacturerTableImages
{
    public ManufacturerTableImages(MeterProfile profile)
    {
        Profile = profile;
    }

    private MeterProfile Profile { get; }

    /// <summary>ET04 System Information, selected fields (§5.10); MEP sequence at 103 (fw &lt; 4) or 129 (fw ≥ 4).</summary>
    public byte[] BuildEt04(byte idtVersion, uint mepSequence)
    {
        var b = new byte[137];
        ByteOrder.WriteInt32LE(b, 0, 0x00012345);
        byte[] neuron = { 0x05, 0x01, 0x83, 0x31, 0x00, 0x01 };
        Array.Copy(neuron, 0, b, 4, 6);
        b[10] = 1; // subnet
        b[11] = 5; // node: commissioned
        b[13] = 50; // rated frequency
        TableBytes.Ascii(b, 14, "NES" + Profile.FirmwareMajor + Profile.FirmwareMinor.ToString("00") + Profile.FirmwareBuild.ToString("00"), 8);
        TableBytes.Ascii(b, 22, "NesMep simulated " + Profile.Name, 30);
        b[55] = 4; // value seen at ET04.55 in the guide's transaction example (A9)
        ByteOrder.WriteUInt16LE(b, 56, 250);
        ByteOrder.WriteUInt16LE(b, 58, Profile.IsGen4 ? 80 : 60);
        ByteOrder.WriteUInt16LE(b, 60, 230);
        b[110] = 60;
        b[111] = 70;
        b[116] = idtVersion;
        b[127] = 0; // RC4 security mode
        if (Profile.IsGen4)
        {
            ByteOrder.WriteInt32LE(b, 129, (int)mepSequence);
        }
        else
        {
            ByteOrder.WriteInt32LE(b, 103, (int)mepSequence);
        }

        return b;
    }

    /// <summary>ET11 MFG dimensions (§5.11), 40 bytes; the first 10 match the guide's example on Gen 3.</summary>
    public byte[] BuildEt11()
    {
        var b = new byte[40];
        b[0] = (byte)Profile.DeviceCount;
        b[1] = MeterTables.Et13EntrySize;
        b[2] = MeterTables.Et14EntrySize;
        b[3] = 5;
        b[4] = 6;
        ByteOrder.WriteUInt16LE(b, 5, 517);
        ByteOrder.WriteUInt16LE(b, 7, Profile.TransactionRequestLength);
        ByteOrder.WriteUInt16LE(b, 9, MeterTables.Et53Length);
        b[11] = 25;
        b[12] = 16;
        b[13] = 22;
        b[18] = 10;
        b[19] = 10;
        b[20] = 65;
        b[21] = 120;
        b[22] = 6;
        b[23] = 10;
        b[24] = 10;
        b[25] = 16;
        b[26] = 80;
        b[27] = 10;
        ByteOrder.WriteUInt16LE(b, 28, 261);
        ByteOrder.WriteUInt16LE(b, 30, 769);
        b[34] = (byte)Profile.MepChannels;
        b[38] = (byte)(Profile.IsGen4 ? 3 : 0);
        return b;
    }

    /// <summary>ET70 RAM-only status (Gen 4): byte 142 = current comm channel index (§5.17).</summary>
    public static byte[] BuildEt70(byte commChannelIndex)
    {
        var b = new byte[143];
        b[142] = commChannelIndex;
        return b;
    }

    /// <summary>ET03 utility information: the utility serial number and the image CRC.</summary>
    public byte[] InitialEt03()
    {
        var et03 = new byte[143];
        TableBytes.Ascii(et03, 0, Profile.UtilitySerialNumber, 30); // CHAR[30], zero padded (null terminated)
        ByteOrder.WriteUInt16LE(et03, 137, 0x5AC3); // image CRC
        return et03;
    }

    /// <summary>ET13 device configuration: one entry per device; MEP entries at 9600 Bd (code 0).</summary>
    public byte[] InitialEt13()
    {
        var et13 = new byte[Profile.DeviceCount * MeterTables.Et13EntrySize];
        for (int e = 0; e < Profile.DeviceCount; e++)
        {
            int o = e * MeterTables.Et13EntrySize;
            bool mep = e >= MeterTables.MepEntryIndex;
            et13[o + 0] = 1; // billing read day
            et13[o + 1] = 0;
            et13[o + 2] = (byte)(mep ? 5 : 0);
            et13[o + 3] = 1; // daily
            ByteOrder.WriteUInt16LE(et13, o + 4, mep ? 0 : 60);
            et13[o + 6] = (byte)(mep ? 0 : 4); // MEP 9600 (code 0), M-Bus 2400 (code 4)
            et13[o + 7] = 0;
        }

        return et13;
    }

    /// <summary>ET51 MEP channel timeouts, one element per channel.</summary>
    public byte[] InitialEt51()
    {
        var et51 = new byte[Profile.MepChannels * MeterTables.Et51ElementSize];
        for (int c = 0; c < Profile.MepChannels; c++)
        {
            int o = c * MeterTables.Et51ElementSize;
            et51[o] = 0;
            ByteOrder.WriteUInt16LE(et51, o + 1, 60); // MEP health timeout
            et51[o + 3] = 30; // on-demand timeout
            ByteOrder.WriteUInt16LE(et51, o + 4, 600); // optical session timeout
            ByteOrder.WriteUInt16LE(et51, o + 6, 300); // optical hold-off
            et51[o + 8] = 1; // MEP down reset duration
        }

        return et51;
    }
}
