using System.Net;
using System.Net.Sockets;
using NesMep.Core.Network;
using Dns = NesMep.Core.Network.Dns;

namespace NesMep.Host.Network;

/// <summary>
/// Linux UDP adapter for a core <see cref="IDatagramResponder"/>: one socket, one thread, one pair of reused
/// buffers. Each datagram goes to the responder; its reply goes back to the sender or to the mDNS group.
/// Port 0 binds an ephemeral port (<see cref="Port"/> tells which).
/// </summary>
public sealed class UdpResponderHost : IDisposable
{
    // Largest datagram read; mDNS allows up to 9000 bytes, longer ones are cut and then refused by the parser.
    private const int ReceiveBufferSize = 9000;

    private readonly IDatagramResponder _responder;
    private readonly Socket _socket;
    private readonly IPEndPoint _group;
    private readonly Thread _thread;
    private readonly byte[] _request = new byte[ReceiveBufferSize];
    private readonly byte[] _response = new byte[Dns.MaxUdpPayload * 2];
    private volatile bool _stopping;

    /// <param name="joinMulticast">Join 224.0.0.251 on the default interface (the mDNS responder on port 5353).</param>
    public UdpResponderHost(IDatagramResponder responder, IPAddress listen, int port, bool joinMulticast = false)
    {
        _responder = responder;
        _group = new IPEndPoint(new IPAddress(Dns.MdnsGroup()), Dns.MdnsPort);
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, joinMulticast);
            _socket.Bind(new IPEndPoint(listen, port));
            if (joinMulticast)
            {
                _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, new MulticastOption(_group.Address));
            }
        }
        catch
        {
            _socket.Dispose();
            throw;
        }

        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
        _thread = new Thread(Loop) { IsBackground = true, Name = "udp-" + Port };
        _thread.Start();
    }

    public int Port { get; }

    /// <summary>Datagrams answered so far (for tests and logs).</summary>
    public int Replies;

    /// <summary>Sends <paramref name="length"/> bytes of an mDNS announcement to the group.</summary>
    public void SendToGroup(byte[] packet, int length)
    {
        _socket.SendTo(packet, 0, length, SocketFlags.None, _group);
    }

    private void Loop()
    {
        EndPoint from = new IPEndPoint(IPAddress.Any, 0);
        while (!_stopping)
        {
            int n;
            try
            {
                n = _socket.ReceiveFrom(_request, 0, _request.Length, SocketFlags.None, ref from);
            }
            catch (SocketException) when (!_stopping)
            {
                continue; // e.g. ICMP port unreachable from an earlier reply; the socket stays usable
            }
            catch (Exception) when (_stopping)
            {
                return;
            }

            var sender = (IPEndPoint)from;
            int length = _responder.Respond(_request, n, sender.Port, _response, out ReplyTarget target);
            if (length <= 0 || target == ReplyTarget.None)
            {
                continue;
            }

            try
            {
                _socket.SendTo(_response, 0, length, SocketFlags.None, target == ReplyTarget.Multicast ? _group : sender);
                Interlocked.Increment(ref Replies);
            }
            catch (SocketException)
            {
                // An unreachable peer loses only its own reply.
            }
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _socket.Dispose();
        _thread.Join(2000);
    }
}
