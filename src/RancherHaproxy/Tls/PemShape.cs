namespace RancherHaproxy.Tls;

/// <summary>
/// A first look at PEM text before HAProxy gets it: the right blocks, balanced, and nothing that is
/// not text. Whether key and certificate match is HAProxy's call (`haproxy -c`).
/// </summary>
internal static class PemShape
{
    public static bool IsCertificate(string text) =>
        IsText(text)
        && text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)
        && text.Contains("-----END CERTIFICATE-----", StringComparison.Ordinal);

    public static bool IsPrivateKey(string text) =>
        IsText(text)
        && text.Contains("-----BEGIN ", StringComparison.Ordinal)
        && text.Contains("PRIVATE KEY-----", StringComparison.Ordinal)
        && text.Contains("-----END ", StringComparison.Ordinal);

    private static bool IsText(string text) =>
        !text.Any(character => character == '\0' || (char.IsControl(character) && character is not '\n' and not '\r' and not '\t'));
}
