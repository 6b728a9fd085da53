using System;
using System.Net;
using System.Net.Sockets;
using NesMep.Core.Network;
using Dns = NesMep.Core.Network.Dns;

namespace NesMep.Firmware.Network
{
    /// <summary>
    /// UDP adapter for a core <see cref="IDatagramResponder"/> (the captive DNS on port 53, mDNS on 5353 joined to
    /// 224.0.0.251), as the Linux host's UdpResponderHost but without a thread of its own: the supervisor thread calls
    /// <see cref="Serve"/>, which waits on the socket at most the given time and answers what arrived. One pair of
    /// reused buffers; a datagram longer than the buffer is cut and then refused by the core's parser.
    /// </summary>
    internal sealed class UdpResponder : IDisposable
    {
        /// <summary>Largest datagram read on the device (DNS queries are small; mDNS ones from phones rarely pass 512 bytes).</summary>
        private const int ReceiveBufferSize = 1024;

        private readonly IDatagramResponder _responder;
        private readonly Socket _socket;
        private readonly IPEndPoint _group;
        private readonly byte[] _request = new byte[ReceiveBufferSize];
        private readonly byte[] _response = new byte[Dns.MaxUdpPayload * 2]; // as the Linux adapter: room beyond the 512 bytes a reply uses

        public UdpResponder(IDatagramResponder responder, int port, bool joinMulticast)
        {
            _responder = responder;
            _group = new IPEndPoint(new IPAddress(Dns.MdnsGroup()), Dns.MdnsPort);
            _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                _socket.Bind(new IPEndPoint(IPAddress.Any, port));
                if (joinMulticast)
                {
                    // IP_ADD_MEMBERSHIP: group address, then the interface (0.0.0.0: the default one).
                    byte[] membership = new byte[8];
                    Array.Copy(Dns.MdnsGroup(), membership, 4);
                    _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, membership);
                }
            }
            catch
            {
                _socket.Close();
                throw;
            }
        }

        /// <summary>Datagrams answered so far.</summary>
        public int Replies { get; private set; }

        /// <summary>Answers at most one datagram, waiting for it up to <paramref name="waitMs"/>; false when none came.</summary>
        public bool Serve(int waitMs)
        {
            if (!_socket.Poll(waitMs * 1000, SelectMode.SelectRead))
            {
                return false;
            }

            EndPoint from = new IPEndPoint(IPAddress.Any, 0);
            int n;
            try
            {
                n = _socket.ReceiveFrom(_request, 0, _request.Length, SocketFlags.None, ref from);
            }
            catch (SocketException)
            {
                return true; // e.g. ICMP port unreachable from an earlier reply; the socket stays usable
            }

            IPEndPoint sender = (IPEndPoint)from;
            ReplyTarget target;
            int length = _responder.Respond(_request, n, sender.Port, _response, out target);
            if (length <= 0 || target == ReplyTarget.None)
            {
                return true;
            }

            try
            {
                _socket.SendTo(_response, 0, length, SocketFlags.None, target == ReplyTarget.Multicast ? _group : sender);
                Replies++;
            }
            catch (SocketException)
            {
                // An unreachable peer loses only its own reply.
            }

            return true;
        }

        /// <summary>Sends <paramref name="length"/> bytes (an mDNS announcement) to the group.</summary>
        public void SendToGroup(byte[] packet, int length)
        {
            _socket.SendTo(packet, 0, length, SocketFlags.None, _group);
        }

        public void Dispose()
        {
            _socket.Close();
        }
    }
}
