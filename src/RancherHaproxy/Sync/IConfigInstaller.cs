using RancherHaproxy.Rendering;

namespace RancherHaproxy.Sync;

/// <summary>The files' edge: candidates, the <c>haproxy -c</c> gate, and the atomic swap.</summary>
internal interface IConfigInstaller
{
    /// <summary>The main config's identity now (mtime and size): a refused candidate is checked again only when it changes.</summary>
    string MainConfigStamp();

    /// <summary>Writes and installs <paramref name="config"/> without a check (the files HAProxy starts with).</summary>
    void Install(RenderedConfig config);

    /// <summary>
    /// Checks <paramref name="wanted"/> and installs it when <c>haproxy -c</c> accepts it. A refused
    /// certificate from service metadata does not hold the routes back: they are checked again with
    /// the certificate of <paramref name="applied"/>.
    /// </summary>
    Task<InstallOutcome> CheckAndInstallAsync(RenderedConfig wanted, RenderedConfig? applied, CancellationToken cancellationToken);
}
