using RancherHaproxy.Output;
using RancherHaproxy.Rendering;

namespace RancherHaproxy.Sync;

/// <summary>Candidates, the `haproxy -c` gate, and the atomic swap.</summary>
internal sealed partial class SyncLoop
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// The config to install, or null when it was refused. A refused certificate from service metadata
    /// does not hold the routes back: they are checked again with the certificate in use.
    /// </summary>
    private async Task<RenderedConfig?> CheckAndCommitAsync(RenderedConfig rendered, CancellationToken cancellationToken)
    {
        var mainConfigStamp = MainConfigStamp();
        if (_rejected is not null && _rejected.Config == rendered && _rejected.MainConfigStamp == mainConfigStamp)
        {
            return null;
        }

        var check = await CheckAsync(rendered, cancellationToken).ConfigureAwait(false);
        if (!check.IsValid && _applied is not null && rendered.ManagedPem != _applied.ManagedPem)
        {
            var withCertificateInUse = rendered.WithCertificatesOf(_applied);
            var retry = await CheckAsync(withCertificateInUse, cancellationToken).ConfigureAwait(false);
            if (retry.IsValid)
            {
                Log.CertificateRejected(logger, check.ErrorLines);
                _rejected = new RejectedConfig(rendered, mainConfigStamp);
                _lastPassedMainConfigStamp = mainConfigStamp;
                Commit(withCertificateInUse);
                return withCertificateInUse;
            }
        }

        if (!check.IsValid)
        {
            DiscardCandidates();
            _rejected = new RejectedConfig(rendered, mainConfigStamp);
            Log.CheckFailed(logger, options.MainConfigPath, check.ErrorLines);
            return null;
        }

        _rejected = null;
        _lastPassedMainConfigStamp = mainConfigStamp;
        Commit(rendered);
        return rendered;
    }

    private Task<Haproxy.ConfigCheckResult> CheckAsync(RenderedConfig rendered, CancellationToken cancellationToken)
    {
        WriteCandidates(rendered, rendered.CandidateCrtList);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["HAPROXY_DOMAIN_MAP"] = AtomicFileWriter.CandidatePath(options.DomainMapPath),
            ["HAPROXY_CRT_LIST"] = AtomicFileWriter.CandidatePath(options.CrtListPath),
        };
        return checker.CheckAsync(AtomicFileWriter.CandidatePath(options.BackendConfigPath), environment, cancellationToken);
    }

    private void WriteCandidates(RenderedConfig rendered, string crtList)
    {
        AtomicFileWriter.WriteCandidate(options.BackendConfigPath, rendered.Backends);
        AtomicFileWriter.WriteCandidate(options.DomainMapPath, rendered.DomainMap);
        if (options.Certificates.Enabled)
        {
            AtomicFileWriter.WriteCandidate(options.CrtListPath, crtList);
        }

        if (rendered.ManagedPem is not null)
        {
            AtomicFileWriter.WriteCandidate(options.Certificates.CertificatePath, rendered.ManagedPem, OwnerOnly);
        }
    }

    /// <summary>Rewrites the certificate list with installed names, then renames every candidate into place.</summary>
    private void Commit(RenderedConfig rendered)
    {
        WriteCandidates(rendered, rendered.CrtList);
        if (rendered.ManagedPem is not null)
        {
            AtomicFileWriter.Commit(options.Certificates.CertificatePath);
        }

        if (options.Certificates.Enabled)
        {
            AtomicFileWriter.Commit(options.CrtListPath);
        }

        AtomicFileWriter.Commit(options.BackendConfigPath);
        AtomicFileWriter.Commit(options.DomainMapPath);
        _applied = rendered;
    }

    private void DiscardCandidates()
    {
        AtomicFileWriter.Discard(options.BackendConfigPath);
        AtomicFileWriter.Discard(options.DomainMapPath);
        AtomicFileWriter.Discard(options.CrtListPath);
        AtomicFileWriter.Discard(options.Certificates.CertificatePath);
    }

    /// <summary>A refused candidate is checked again only when it or the main config changes.</summary>
    private string MainConfigStamp()
    {
        var info = new FileInfo(options.MainConfigPath);
        return info.Exists ? $"{info.LastWriteTimeUtc.Ticks}:{info.Length}" : "missing";
    }

    private sealed record RejectedConfig(RenderedConfig Config, string MainConfigStamp);

    private sealed class ResyncRequestedException : Exception;
}
