using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NesMep.Host.Mqtt;

/// <summary>
/// The byte path under <see cref="MqttClient"/>: the TCP connection with its timeouts and, for mqtts, the TLS
/// handshake with the configured CA (or the system store) and an optional client certificate, each failure turned
/// into an <see cref="MqttException"/> that names it.
/// </summary>
internal static class MqttTransport
{
    internal static TcpClient OpenTcp(MqttConnectOptions o)
    {
        var tcp = new TcpClient { NoDelay = true };
        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(o.Cancel);
            cts.CancelAfter(o.ConnectTimeoutMs);
            tcp.ConnectAsync(o.Host, o.Port, cts.Token).AsTask().GetAwaiter().GetResult();
            return tcp;
        }
        catch (OperationCanceledException e) when (o.Cancel.IsCancellationRequested)
        {
            tcp.Dispose();
            throw Cancelled(o, e);
        }
        catch (OperationCanceledException e)
        {
            tcp.Dispose();
            throw new MqttException(MqttErrorKind.Unreachable, "broker " + o.Endpoint + " unreachable: no TCP connection within " + o.ConnectTimeoutMs + " ms", e);
        }
        catch (SocketException e)
        {
            tcp.Dispose();
            string why = e.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "connection refused (is the broker running and listening on that port?)",
                SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "host name not found",
                SocketError.NetworkUnreachable or SocketError.HostUnreachable => "no route to host",
                SocketError.TimedOut => "connection timed out",
                _ => e.Message,
            };
            throw new MqttException(MqttErrorKind.Unreachable, "broker " + o.Endpoint + " unreachable: " + why, e);
        }
    }

    internal static Stream StartTls(MqttConnectOptions o, NetworkStream net, X509Certificate2Collection? ca, X509Certificate2? clientCert)
    {
        string? rejection = null;
        bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
        {
            if (certificate == null)
            {
                rejection = "the broker sent no certificate";
                return false;
            }

            if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
            {
                rejection = "the broker's certificate is not issued for '" + o.Host + "'";
                return false;
            }

            if (ca == null)
            {
                if (errors == SslPolicyErrors.None)
                {
                    return true;
                }

                rejection = "the broker's certificate is not trusted by the system (" + ChainText(chain) + "); set ca_file";
                return false;
            }

            using var custom = new X509Chain();
            custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            custom.ChainPolicy.CustomTrustStore.AddRange(ca);
            custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            if (chain != null)
            {
                foreach (X509ChainElement element in chain.ChainElements)
                {
                    custom.ChainPolicy.ExtraStore.Add(element.Certificate);
                }
            }

            using var leaf = new X509Certificate2(certificate);
            if (custom.Build(leaf))
            {
                return true;
            }

            rejection = "the broker's certificate is not signed by ca_file " + o.CaFile + " (" + ChainText(custom) + ")";
            return false;
        }

        var ssl = new SslStream(net, false, Validate);
        var auth = new SslClientAuthenticationOptions
        {
            TargetHost = o.Host,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        };
        if (clientCert != null)
        {
            auth.ClientCertificates = new X509CertificateCollection { clientCert };
            auth.LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCert;
        }

        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(o.Cancel);
            cts.CancelAfter(o.ConnectTimeoutMs);
            ssl.AuthenticateAsClientAsync(auth, cts.Token).GetAwaiter().GetResult();
            return ssl;
        }
        catch (Exception e) when (e is AuthenticationException or IOException or OperationCanceledException)
        {
            ssl.Dispose();
            string why = rejection ?? (e is OperationCanceledException ? "no TLS handshake within " + o.ConnectTimeoutMs + " ms" : Inner(e).Message);
            throw new MqttException(MqttErrorKind.TlsFailure, "TLS with broker " + o.Endpoint + " failed: " + why, e);
        }
    }

    internal static X509Certificate2Collection? LoadCa(string? caFile)
    {
        if (string.IsNullOrEmpty(caFile))
        {
            return null;
        }

        try
        {
            var ca = new X509Certificate2Collection();
            ca.ImportFromPemFile(caFile);
            if (ca.Count == 0)
            {
                throw new MqttException(MqttErrorKind.Configuration, "ca_file " + caFile + " holds no PEM certificate");
            }

            return ca;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new MqttException(MqttErrorKind.Configuration, "cannot load ca_file " + caFile + ": " + e.Message, e);
        }
    }

    internal static X509Certificate2? LoadClientCertificate(string? certFile, string? keyFile)
    {
        if (string.IsNullOrEmpty(certFile))
        {
            return null;
        }

        try
        {
            if (certFile.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || certFile.EndsWith(".p12", StringComparison.OrdinalIgnoreCase))
            {
                return X509CertificateLoader.LoadPkcs12FromFile(certFile, null);
            }

            return string.IsNullOrEmpty(keyFile)
                ? X509Certificate2.CreateFromPemFile(certFile)
                : X509Certificate2.CreateFromPemFile(certFile, keyFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new MqttException(MqttErrorKind.Configuration, "cannot load client_cert " + certFile + (string.IsNullOrEmpty(keyFile) ? "" : " / client_key " + keyFile) + ": " + e.Message, e);
        }
    }

    private static string ChainText(X509Chain? chain)
    {
        if (chain == null || chain.ChainStatus.Length == 0)
        {
            return "no chain";
        }

        return string.Join(", ", chain.ChainStatus.Select(s => s.Status.ToString()));
    }

    internal static MqttException Cancelled(MqttConnectOptions o, Exception e) =>
        new(MqttErrorKind.ConnectionLost, "connection attempt to broker " + o.Endpoint + " cancelled (stopping)", e);

    /// <summary>The socket or TLS exception inside a wrapper, whose message says what happened.</summary>
    internal static Exception Inner(Exception e) => e.InnerException is SocketException or IOException or AuthenticationException ? e.InnerException : e;
}
