// Facade of System.Net 1.11.52 (NuGet package nanoFramework.System.Net), System.Security.Cryptography.X509Certificates.X509Certificate.
// Declarations only, written by us from the upstream nanoframework/System.Net sources; build-time use only, never shipped.
// DER or PEM; the string constructor takes the certificate text itself (not a file name as on .NET).
namespace System.Security.Cryptography.X509Certificates
{
    public class X509Certificate
    {
        public X509Certificate() => throw null;
        public X509Certificate(byte[] certificate) => throw null;
        public X509Certificate(string certificate) => throw null;

        public virtual string Issuer => throw null;
        public virtual string Subject => throw null;
        public virtual DateTime GetEffectiveDate() => throw null;
        public virtual DateTime GetExpirationDate() => throw null;
        public virtual byte[] GetRawCertData() => throw null;
    }
}
