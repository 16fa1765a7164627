using System.Formats.Asn1;

namespace RancherHaproxy.Tls;

/// <summary>
/// The first CERTIFICATE block of a PEM (the leaf: HAProxy serves the chain in file order), read
/// by <see cref="X509Reader"/>. Never throws on what a file holds: an unreadable certificate is an
/// error text for the log. Pure.
/// </summary>
internal static class CertificateReader
{
    private const string Begin = "-----BEGIN CERTIFICATE-----";
    private const string End = "-----END CERTIFICATE-----";

    public static X509Summary? TryRead(string pem, out string? error)
    {
        error = null;
        var begin = pem.IndexOf(Begin, StringComparison.Ordinal);
        var end = begin < 0 ? -1 : pem.IndexOf(End, begin + Begin.Length, StringComparison.Ordinal);
        if (end < 0)
        {
            error = "no -----BEGIN CERTIFICATE----- … -----END CERTIFICATE----- block";
            return null;
        }

        try
        {
            var der = Convert.FromBase64String(pem[(begin + Begin.Length)..end]);
            return X509Reader.Read(der);
        }
        catch (FormatException)
        {
            error = "the CERTIFICATE block is not base64";
        }
        catch (Exception exception) when (exception is AsnContentException or ArgumentException or OverflowException or InvalidOperationException)
        {
            error = "the CERTIFICATE block is not an X.509 certificate: " + exception.Message;
        }

        return null;
    }
}
