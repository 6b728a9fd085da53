using System;
using NesMep.Core.Protocol;

namespace NesMep.Core.Optical
{
    /// <summary>
    /// Encodes the data field of C12.18 service requests and checks the replies (reference §13.2).
    /// Each writer fills <c>dest</c> from <c>at</c> and returns the number of bytes written.
    /// </summary>
    public static class C1218Services
    {
        /// <summary>Bytes of a read reply around the table data: code, 2-byte count, checksum.</summary>
        public const int ReadReplyOverhead = 4;

        /// <summary>Offset of the table data in a read reply.</summary>
        public const int ReadReplyDataOffset = 3;

        /// <summary>Identify, Terminate, Logoff: the code alone.</summary>
        public static int WriteCode(byte code, byte[] dest, int at)
        {
            dest[at] = code;
            return 1;
        }

        /// <summary>Negotiate: packet size, number of packets and (0x61) one baud code, or no baud (0x60) when baudCode is 0.</summary>
        public static int WriteNegotiate(int packetSize, int packets, int baudCode, byte[] dest, int at)
        {
            dest[at] = baudCode > 0 ? C1218Codes.NegotiateOneBaud : C1218Codes.Negotiate;
            ByteOrder.WriteUInt16BE(dest, at + 1, packetSize);
            dest[at + 3] = (byte)packets;
            if (baudCode <= 0)
            {
                return 4;
            }

            dest[at + 4] = (byte)baudCode;
            return 5;
        }

        /// <summary>Logon: user id and the user name space-padded (or cut) to 10 bytes (ASCII).</summary>
        public static int WriteLogon(int userId, string userName, byte[] dest, int at)
        {
            dest[at] = C1218Codes.Logon;
            ByteOrder.WriteUInt16BE(dest, at + 1, userId);
            char[] chars = userName.ToCharArray();
            for (int i = 0; i < C1218Codes.UserNameLength; i++)
            {
                dest[at + 3 + i] = i < chars.Length && chars[i] < 0x80 ? (byte)chars[i] : (byte)' ';
            }

            return 3 + C1218Codes.UserNameLength;
        }

        /// <summary>Security: the 20-byte password (shorter ones zero-padded).</summary>
        public static int WriteSecurity(byte[] password, byte[] dest, int at)
        {
            dest[at] = C1218Codes.Security;
            for (int i = 0; i < C1218Codes.PasswordLength; i++)
            {
                dest[at + 1 + i] = i < password.Length ? password[i] : (byte)0;
            }

            return 1 + C1218Codes.PasswordLength;
        }

        public static int WriteWait(int seconds, byte[] dest, int at)
        {
            dest[at] = C1218Codes.Wait;
            dest[at + 1] = (byte)(seconds < 0 ? 0 : seconds > 255 ? 255 : seconds);
            return 2;
        }

        public static int WriteFullRead(int tableId, byte[] dest, int at)
        {
            dest[at] = C1218Codes.FullRead;
            ByteOrder.WriteUInt16BE(dest, at + 1, tableId);
            return 3;
        }

        public static int WritePartialRead(int tableId, int offset, int count, byte[] dest, int at)
        {
            dest[at] = C1218Codes.PartialRead;
            ByteOrder.WriteUInt16BE(dest, at + 1, tableId);
            ByteOrder.WriteUInt24BE(dest, at + 3, offset);
            ByteOrder.WriteUInt16BE(dest, at + 6, count);
            return 8;
        }

        /// <summary>Full or partial read or write of a table request (§13.2); writes carry the data checksum.</summary>
        public static int WriteTableRequest(NesMep.Core.Link.TableRequest r, byte[] dest, int at)
        {
            switch (r.Operation)
            {
                case NesMep.Core.Link.TableOperation.PartialRead:
                    return WritePartialRead(r.TableId, r.Offset, r.Count, dest, at);
                case NesMep.Core.Link.TableOperation.FullWrite:
                    dest[at] = C1218Codes.FullWrite;
                    ByteOrder.WriteUInt16BE(dest, at + 1, r.TableId);
                    return 3 + WriteData(r, dest, at + 3);
                case NesMep.Core.Link.TableOperation.PartialWrite:
                    dest[at] = C1218Codes.PartialWrite;
                    ByteOrder.WriteUInt16BE(dest, at + 1, r.TableId);
                    ByteOrder.WriteUInt24BE(dest, at + 3, r.Offset);
                    return 6 + WriteData(r, dest, at + 6);
                default:
                    return WriteFullRead(r.TableId, dest, at);
            }
        }

        /// <summary>count (2), data, checksum (1).</summary>
        private static int WriteData(NesMep.Core.Link.TableRequest r, byte[] dest, int at)
        {
            ByteOrder.WriteUInt16BE(dest, at, r.Count);
            Array.Copy(r.Data!, r.DataOffset, dest, at + 2, r.Count);
            dest[at + 2 + r.Count] = DataChecksum(r.Data!, r.DataOffset, r.Count);
            return r.Count + 3;
        }

        /// <summary>Two's complement of the 8-bit sum of the data: (−Σ data) mod 256 (§13.2).</summary>
        public static byte DataChecksum(byte[] data, int offset, int count)
        {
            int sum = 0;
            for (int i = offset; i < offset + count; i++)
            {
                sum += data[i];
            }

            return (byte)(-sum & 0xFF);
        }

        /// <summary>
        /// Checks an ok read reply <c>00 count(2) data checksum</c>: null when the count matches the length
        /// and the checksum the data, else why not (the data must then not be decoded).
        /// </summary>
        public static string? CheckReadReply(byte[] reply, int at, int length)
        {
            if (length < ReadReplyOverhead)
            {
                return "read reply too short (" + length + " bytes)";
            }

            int count = ByteOrder.ReadUInt16BE(reply, at + 1);
            if (count != length - ReadReplyOverhead)
            {
                return "read reply count " + count + " does not match its " + (length - ReadReplyOverhead) + " data bytes";
            }

            if (DataChecksum(reply, at + ReadReplyDataOffset, count) != reply[at + length - 1])
            {
                return "read reply data checksum does not match";
            }

            return null;
        }

        /// <summary>Writes an ok read reply for the meter side; returns its length.</summary>
        public static int WriteReadReply(byte[] data, int offset, int count, byte[] dest, int at)
        {
            dest[at] = C1218Codes.Ok;
            ByteOrder.WriteUInt16BE(dest, at + 1, count);
            Array.Copy(data, offset, dest, at + ReadReplyDataOffset, count);
            dest[at + ReadReplyDataOffset + count] = DataChecksum(data, offset, count);
            return count + ReadReplyOverhead;
        }
    }
}
