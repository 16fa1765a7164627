using System.Globalization;

namespace RancherHaproxy.Pages;

/// <summary>How the index links to a host: https when TLS and the redirect are on, with the port when it is not the default.</summary>
internal sealed record PageLinks(string Scheme, int Port)
{
    public static PageLinks For(bool tls, bool redirect, int httpPort, int httpsPort) =>
        tls && redirect ? new PageLinks("https", httpsPort) : new PageLinks("http", httpPort);

    public string UrlOf(string host)
    {
        var isDefault = (Scheme, Port) is ("http", 80) or ("https", 443);
        return isDefault ? $"{Scheme}://{host}/" : $"{Scheme}://{host}:{Port.ToString(CultureInfo.InvariantCulture)}/";
    }
}
