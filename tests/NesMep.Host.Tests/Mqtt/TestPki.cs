using Xunit;

namespace NesMep.Host.Tests.Mqtt;

/// <summary>
/// A throw-away CA made with openssl in the test's folder: ca.pem/ca.key, a broker certificate for
/// 127.0.0.1 and localhost (subjectAltName) and a client certificate. EC P-256 keys keep it fast.
/// </summary>
internal static class TestPki
{
    public const string OpenSsl = "/usr/bin/openssl";

    public static void CreateCa(TempDir dir, string name)
    {
        Assert.True(File.Exists(OpenSsl), "openssl is not installed: apt-get install openssl (scripts/test.sh installs it)");
        dir.Run(OpenSsl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", name + ".key", "-out", name + ".pem", "-days", "2", "-subj", "/CN=NesMep test CA " + name,
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    }

    /// <summary>Creates &lt;name&gt;.key and &lt;name&gt;.pem signed by the CA.</summary>
    public static void CreateCertificate(TempDir dir, string ca, string name, string subject, string extensions)
    {
        dir.Run(OpenSsl, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", name + ".key", "-out", name + ".csr", "-subj", subject);
        dir.Write(name + ".ext", extensions + "\n");
        dir.Run(OpenSsl, "x509", "-req", "-in", name + ".csr", "-CA", ca + ".pem", "-CAkey", ca + ".key", "-CAcreateserial",
            "-out", name + ".pem", "-days", "2", "-extfile", name + ".ext");
    }

    /// <summary>CA "ca", broker certificate "server" (127.0.0.1, localhost), client certificate "client".</summary>
    public static void CreateAll(TempDir dir)
    {
        CreateCa(dir, "ca");
        CreateCertificate(dir, "ca", "server", "/CN=localhost",
            "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature");
        CreateCertificate(dir, "ca", "client", "/CN=nesmep-test-client",
            "extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature");
    }

    /// <summary>mosquitto listener lines for TLS with the generated files.</summary>
    public static string ListenerTls(TempDir dir, bool requireClientCertificate) =>
        "cafile " + dir.File("ca.pem") + "\ncertfile " + dir.File("server.pem") + "\nkeyfile " + dir.File("server.key")
        + (requireClientCertificate ? "\nrequire_certificate true" : "");
}
