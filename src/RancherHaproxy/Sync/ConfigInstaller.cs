using RancherHaproxy.Haproxy;
using RancherHaproxy.Logging;
using RancherHaproxy.Output;
using RancherHaproxy.Rendering;

namespace RancherHaproxy.Sync;

/// <summary>Candidates next to the targets, <c>haproxy -c</c> over them, then the atomic renames.</summary>
internal sealed class ConfigInstaller(IConfigChecker checker, SyncLoopOptions options, Logger logger) : IConfigInstaller
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public string MainConfigStamp()
    {
        var info = new FileInfo(options.MainConfigPath);
        return info.Exists ? $"{info.LastWriteTimeUtc.Ticks}:{info.Length}" : "missing";
    }

    public async Task<InstallOutcome> CheckAndInstallAsync(RenderedConfig wanted, RenderedConfig? applied, CancellationToken cancellationToken)
    {
        var check = await CheckAsync(wanted, cancellationToken).ConfigureAwait(false);
        if (check.IsValid)
        {
            Install(wanted);
            return new InstallOutcome(wanted, CertificateRefused: false);
        }

        if (applied is not null && wanted.ManagedPem != applied.ManagedPem)
        {
            var withCertificateInUse = wanted.WithCertificatesOf(applied);
            if ((await CheckAsync(withCertificateInUse, cancellationToken).ConfigureAwait(false)).IsValid)
            {
                SyncLog.CertificateRejected(logger, check.ErrorLines);
                Install(withCertificateInUse);
                return new InstallOutcome(withCertificateInUse, CertificateRefused: true);
            }
        }

        Discard();
        SyncLog.CheckFailed(logger, options.MainConfigPath, check.ErrorLines);
        return InstallOutcome.Refused;
    }

    /// <summary>Rewrites the certificate list with installed names, then renames every candidate into place.</summary>
    public void Install(RenderedConfig config)
    {
        WriteCandidates(config, config.CrtList);
        if (config.ManagedPem is not null)
        {
            AtomicFileWriter.Commit(options.Certificates.CertificatePath);
        }

        if (options.Certificates.Enabled)
        {
            AtomicFileWriter.Commit(options.CrtListPath);
        }

        if (options.StackMapPath is not null)
        {
            AtomicFileWriter.Commit(options.StackMapPath);
        }

        // Before the host map: a host must never route before its protection is in place.
        if (options.AuthMapPath is not null)
        {
            AtomicFileWriter.Commit(options.AuthMapPath);
        }

        AtomicFileWriter.Commit(options.BackendConfigPath);
        AtomicFileWriter.Commit(options.DomainMapPath);
    }

    private Task<ConfigCheckResult> CheckAsync(RenderedConfig config, CancellationToken cancellationToken)
    {
        WriteCandidates(config, config.CandidateCrtList);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [HaproxyVariables.DomainMap] = AtomicFileWriter.CandidatePath(options.DomainMapPath),
            [HaproxyVariables.CrtList] = AtomicFileWriter.CandidatePath(options.CrtListPath),
        };
        if (options.StackMapPath is not null)
        {
            environment[HaproxyVariables.StackMap] = AtomicFileWriter.CandidatePath(options.StackMapPath);
        }

        if (options.AuthMapPath is not null)
        {
            environment[HaproxyVariables.AuthMap] = AtomicFileWriter.CandidatePath(options.AuthMapPath);
        }

        return checker.CheckAsync(AtomicFileWriter.CandidatePath(options.BackendConfigPath), environment, cancellationToken);
    }

    private void WriteCandidates(RenderedConfig config, string crtList)
    {
        AtomicFileWriter.WriteCandidate(options.BackendConfigPath, config.Backends);
        AtomicFileWriter.WriteCandidate(options.DomainMapPath, config.DomainMap);
        if (options.StackMapPath is not null)
        {
            AtomicFileWriter.WriteCandidate(options.StackMapPath, config.StackMap);
        }

        if (options.AuthMapPath is not null)
        {
            AtomicFileWriter.WriteCandidate(options.AuthMapPath, config.AuthMap);
        }

        if (options.Certificates.Enabled)
        {
            AtomicFileWriter.WriteCandidate(options.CrtListPath, crtList);
        }

        if (config.ManagedPem is not null)
        {
            AtomicFileWriter.WriteCandidate(options.Certificates.CertificatePath, config.ManagedPem, OwnerOnly);
        }
    }

    private void Discard()
    {
        AtomicFileWriter.Discard(options.BackendConfigPath);
        AtomicFileWriter.Discard(options.DomainMapPath);
        if (options.StackMapPath is not null)
        {
            AtomicFileWriter.Discard(options.StackMapPath);
        }

        if (options.AuthMapPath is not null)
        {
            AtomicFileWriter.Discard(options.AuthMapPath);
        }

        AtomicFileWriter.Discard(options.CrtListPath);
        AtomicFileWriter.Discard(options.Certificates.CertificatePath);
    }
}
