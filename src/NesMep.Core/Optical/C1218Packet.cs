using System;

namespace NesMep.Core.Optical
{
    /// <summary>
    /// Writes one C12.18 packet (reference §13.1): <c>EE identity control sequence length(2, BE) data CRC(2, low first)</c>.
    /// The sequence number counts the packets still to follow (0 = last of the message).
    /// </summary>
    public static class C1218Packet
    {
        /// <summary>The control byte of packet <paramref name="index"/> of a <paramref name="packets"/>-packet message.</summary>
        public static byte Control(bool toggle, int index, int packets)
        {
            int control = toggle ? C1218Codes.ToggleBit : 0;
            if (packets > 1)
            {
                control |= C1218Codes.MultiPacketBit;
                if (index == 0)
                {
                    control |= C1218Codes.FirstPacketBit;
                }
            }

            return (byte)control;
        }

        /// <summary>Writes a packet into <paramref name="dest"/> at <paramref name="at"/>; returns its length.</summary>
        public static int Write(byte identity, byte control, int sequence, byte[] data, int dataOffset, int dataLength, byte[] dest, int at)
        {
            if (dataLength < 0 || dataLength > C1218Codes.MaxPacketData || sequence < 0 || sequence > 255)
            {
                throw new ArgumentOutOfRangeException(dataLength < 0 || dataLength > C1218Codes.MaxPacketData ? "dataLength" : "sequence");
            }

            dest[at] = C1218Codes.Start;
            dest[at + 1] = identity;
            dest[at + 2] = control;
            dest[at + 3] = (byte)sequence;
            dest[at + 4] = (byte)(dataLength >> 8);
            dest[at + 5] = (byte)dataLength;
            Array.Copy(data, dataOffset, dest, at + C1218Codes.HeaderLength, dataLength);
            int end = at + C1218Codes.HeaderLength + dataLength;
            int crc = Crc16X25.Compute(dest, at, end - at);
            dest[end] = (byte)crc;
            dest[end + 1] = (byte)(crc >> 8);
            return end + C1218Codes.CrcLength - at;
        }

        /// <summary>True when the packet's toggle bit is set.</summary>
        public static bool Toggle(byte[] packet, int at)
        {
            return (packet[at + 2] & C1218Codes.ToggleBit) != 0;
        }

        public static int Sequence(byte[] packet, int at)
        {
            return packet[at + 3];
        }

        public static int DataLength(byte[] packet, int at)
        {
            return (packet[at + 4] << 8) | packet[at + 5];
        }

        /// <summary>The transmitted CRC (low byte first) of a complete packet.</summary>
        public static int Crc(byte[] packet, int at)
        {
            int end = at + C1218Codes.HeaderLength + DataLength(packet, at);
            return packet[end] | (packet[end + 1] << 8);
        }
    }
}
