using System.Text;

namespace NesMep.Host.Mqtt;

/// <summary>MQTT 3.1.1 control packet types (high nibble of the fixed header).</summary>
internal static class PacketType
{
    public const int Connect = 1;
    public const int ConnAck = 2;
    public const int Publish = 3;
    public const int PubAck = 4;
    public const int PubRec = 5;
    public const int PubRel = 6;
    public const int PubComp = 7;
    public const int Subscribe = 8;
    public const int SubAck = 9;
    public const int Unsubscribe = 10;
    public const int UnsubAck = 11;
    public const int PingReq = 12;
    public const int PingResp = 13;
    public const int Disconnect = 14;
}

/// <summary>A received PUBLISH.</summary>
public sealed record MqttMessage(string Topic, byte[] Payload, int Qos, bool Retain);

/// <summary>What goes into CONNECT.</summary>
internal sealed class ConnectPacket
{
    public string ClientId = "";
    public string? User;
    public string? Password;
    public int KeepAliveS = 60;
    public bool CleanSession = true;
    public string? WillTopic;
    public byte[]? WillPayload;
    public int WillQos;
    public bool WillRetain;
}

/// <summary>
/// Encodes and decodes MQTT 3.1.1 packets (OASIS standard, §2–3): fixed header with the
/// variable-length "remaining length", UTF-8 strings with a 2-byte big-endian length.
/// </summary>
internal static class MqttCodec
{
    public const int MaxRemainingLength = 268_435_455;

    /// <summary>
    /// Largest packet body accepted from the peer. The remaining length is the peer's claim and a
    /// non-MQTT server (wrong port) or a broken broker can claim up to 256 MB; nothing this client
    /// receives (CONNACK, SUBACK, PUBACK, PINGRESP, small PUBLISHes) comes near 1 MB.
    /// </summary>
    public const int MaxIncomingLength = 1 << 20;

    public static byte[] Connect(ConnectPacket c)
    {
        var body = new MemoryStream();
        WriteString(body, "MQTT");
        body.WriteByte(4); // protocol level 3.1.1
        int flags = 0;
        if (c.CleanSession)
        {
            flags |= 0x02;
        }

        if (c.WillTopic != null)
        {
            flags |= 0x04 | ((c.WillQos & 3) << 3) | (c.WillRetain ? 0x20 : 0);
        }

        if (c.User != null)
        {
            flags |= 0x80;
            if (c.Password != null)
            {
                flags |= 0x40;
            }
        }

        body.WriteByte((byte)flags);
        body.WriteByte((byte)(c.KeepAliveS >> 8));
        body.WriteByte((byte)c.KeepAliveS);
        WriteString(body, c.ClientId);
        if (c.WillTopic != null)
        {
            WriteString(body, c.WillTopic);
            WriteBinary(body, c.WillPayload ?? []);
        }

        if (c.User != null)
        {
            WriteString(body, c.User);
            if (c.Password != null)
            {
                WriteBinary(body, Encoding.UTF8.GetBytes(c.Password));
            }
        }

        return Packet(PacketType.Connect << 4, body);
    }

    public static byte[] Publish(string topic, byte[] payload, int qos, bool retain, bool dup, ushort packetId)
    {
        var body = new MemoryStream(topic.Length + payload.Length + 8);
        WriteString(body, topic);
        if (qos > 0)
        {
            body.WriteByte((byte)(packetId >> 8));
            body.WriteByte((byte)packetId);
        }

        body.Write(payload, 0, payload.Length);
        int header = (PacketType.Publish << 4) | (dup ? 0x08 : 0) | ((qos & 3) << 1) | (retain ? 1 : 0);
        return Packet(header, body);
    }

    public static byte[] Subscribe(ushort packetId, string[] filters, int qos)
    {
        var body = new MemoryStream();
        body.WriteByte((byte)(packetId >> 8));
        body.WriteByte((byte)packetId);
        foreach (string f in filters)
        {
            WriteString(body, f);
            body.WriteByte((byte)qos);
        }

        return Packet((PacketType.Subscribe << 4) | 0x02, body);
    }

    public static byte[] PubAck(ushort packetId) => [PacketType.PubAck << 4, 2, (byte)(packetId >> 8), (byte)packetId];

    public static byte[] PingReq() => [PacketType.PingReq << 4, 0];

    public static byte[] Disconnect() => [PacketType.Disconnect << 4, 0];

    /// <summary>Checks a topic name for PUBLISH (no wildcards, 1..65535 UTF-8 bytes, no NUL).</summary>
    public static string? CheckTopicName(string topic)
    {
        if (topic.Length == 0)
        {
            return "empty topic";
        }

        if (topic.IndexOfAny(['+', '#', '\0']) >= 0)
        {
            return "topic names must not contain '+', '#' or NUL: " + topic;
        }

        return Encoding.UTF8.GetByteCount(topic) > 65535 ? "topic longer than 65535 bytes" : null;
    }

    /// <summary>
    /// Reads one packet: returns false on a clean end of stream before the first byte;
    /// InvalidDataException for a malformed or larger than <paramref name="maxLength"/> remaining length.
    /// </summary>
    public static bool TryReadPacket(Stream s, out int header, out byte[] body, int maxLength = MaxIncomingLength)
    {
        header = 0;
        body = [];
        int first = s.ReadByte();
        if (first < 0)
        {
            return false;
        }

        header = first;
        int length = 0;
        int multiplier = 1;
        for (int i = 0; ; i++)
        {
            int b = s.ReadByte();
            if (b < 0)
            {
                throw new EndOfStreamException("connection closed inside a packet header");
            }

            length += (b & 0x7F) * multiplier;
            if ((b & 0x80) == 0)
            {
                break;
            }

            multiplier *= 128;
            if (i == 3)
            {
                throw new InvalidDataException("malformed remaining length");
            }
        }

        if (length > maxLength)
        {
            throw new InvalidDataException("packet of " + length + " bytes exceeds the limit of " + maxLength + " bytes");
        }

        body = new byte[length];
        s.ReadExactly(body, 0, length);
        return true;
    }

    /// <summary>Splits a received PUBLISH body.</summary>
    public static MqttMessage ParsePublish(int header, byte[] body, out ushort packetId)
    {
        int qos = (header >> 1) & 3;
        bool retain = (header & 1) != 0;
        if (body.Length < 2)
        {
            throw new InvalidDataException("PUBLISH too short");
        }

        int topicLength = (body[0] << 8) | body[1];
        if (2 + topicLength > body.Length)
        {
            throw new InvalidDataException("PUBLISH topic overruns the packet");
        }

        string topic = Encoding.UTF8.GetString(body, 2, topicLength);
        int pos = 2 + topicLength;
        packetId = 0;
        if (qos > 0)
        {
            if (pos + 2 > body.Length)
            {
                throw new InvalidDataException("PUBLISH without packet id");
            }

            packetId = (ushort)((body[pos] << 8) | body[pos + 1]);
            pos += 2;
        }

        byte[] payload = body.AsSpan(pos).ToArray();
        return new MqttMessage(topic, payload, qos, retain);
    }

    public static void WriteRemainingLength(Stream s, int length)
    {
        do
        {
            int digit = length % 128;
            length /= 128;
            if (length > 0)
            {
                digit |= 0x80;
            }

            s.WriteByte((byte)digit);
        }
        while (length > 0);
    }

    private static byte[] Packet(int header, MemoryStream body)
    {
        if (body.Length > MaxRemainingLength)
        {
            throw new ArgumentException("MQTT packet larger than 256 MB");
        }

        var packet = new MemoryStream((int)body.Length + 5);
        packet.WriteByte((byte)header);
        WriteRemainingLength(packet, (int)body.Length);
        body.Position = 0;
        body.CopyTo(packet);
        return packet.ToArray();
    }

    private static void WriteString(Stream s, string value) => WriteBinary(s, Encoding.UTF8.GetBytes(value));

    private static void WriteBinary(Stream s, byte[] value)
    {
        if (value.Length > 65535)
        {
            throw new ArgumentException("MQTT string longer than 65535 bytes");
        }

        s.WriteByte((byte)(value.Length >> 8));
        s.WriteByte((byte)value.Length);
        s.Write(value, 0, value.Length);
    }
}
