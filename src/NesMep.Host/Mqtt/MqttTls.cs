using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NesMep.Core.Mqtt;

namespace NesMep.Host.Mqtt;

/// <summary>
/// TLS for mqtts: the CA file (or the system store) that must sign the broker's certificate, the optional
/// client certificate, and a validation that says in words why a certificate was refused.
/// </summary>
internal sealed class MqttTls
{
    private readonly MqttConnectOptions _options;
    private readonly X509Certificate2Collection? _ca;

    /// <summary>Loads the files; a file that cannot be used is a <see cref="MqttErrorKind.Configuration"/> failure.</summary>
    public MqttTls(MqttConnectOptions options)
    {
        _options = options;
        _ca = LoadCa(options.CaFile);
        ClientCertificate = LoadClientCertificate(options.ClientCert, options.ClientKey);
    }

    public X509Certificate2? ClientCertificate { get; }

    /// <summary>Why the broker's certificate was refused (null: it was not).</summary>
    public string? Rejection { get; private set; }

    public bool Validate(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate == null)
        {
            Rejection = "the broker sent no certificate";
            return false;
        }

        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            Rejection = "the broker's certificate is not issued for '" + _options.Host + "'";
            return false;
        }

        if (_ca == null)
        {
            if (errors == SslPolicyErrors.None)
            {
                return true;
            }

            Rejection = "the broker's certificate is not trusted by the system (" + ChainText(chain) + "); set ca_file";
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_ca);
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

        Rejection = "the broker's certificate is not signed by ca_file " + _options.CaFile + " (" + ChainText(custom) + ")";
        return false;
    }

    private static X509Certificate2Collection? LoadCa(string? caFile)
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
                throw new MqttFailure(MqttErrorKind.Configuration, "ca_file " + caFile + " holds no PEM certificate");
            }

            return ca;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new MqttFailure(MqttErrorKind.Configuration, "cannot load ca_file " + caFile + ": " + e.Message, e);
        }
    }

    private static X509Certificate2? LoadClientCertificate(string? certFile, string? keyFile)
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
            throw new MqttFailure(MqttErrorKind.Configuration, "cannot load client_cert " + certFile + (string.IsNullOrEmpty(keyFile) ? "" : " / client_key " + keyFile) + ": " + e.Message, e);
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
}
