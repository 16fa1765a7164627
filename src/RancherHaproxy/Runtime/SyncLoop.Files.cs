using RancherHaproxy.Output;
using RancherHaproxy.Rendering;

namespace RancherHaproxy.Runtime;

/// <summary>Candidates, the `haproxy -c` gate, and the atomic swap.</summary>
internal sealed partial class SyncLoop
{
    /// <summary>True when the candidate passed the check and replaced the files; false when it was refused.</summary>
    private async Task<bool> CheckAndCommitAsync(RenderedConfig rendered, CancellationToken cancellationToken)
    {
        var mainConfigStamp = MainConfigStamp();
        if (_rejected is not null && _rejected.Config == rendered && _rejected.MainConfigStamp == mainConfigStamp)
        {
            return false;
        }

        WriteCandidates(rendered);
        var check = await checker.CheckAsync(
            AtomicFileWriter.CandidatePath(options.BackendConfigPath),
            AtomicFileWriter.CandidatePath(options.DomainMapPath),
            cancellationToken).ConfigureAwait(false);
        if (!check.IsValid)
        {
            AtomicFileWriter.Discard(options.BackendConfigPath);
            AtomicFileWriter.Discard(options.DomainMapPath);
            _rejected = new RejectedConfig(rendered, mainConfigStamp);
            Log.CheckFailed(logger, options.MainConfigPath, check.ErrorLines);
            return false;
        }

        _rejected = null;
        Commit();
        _applied = rendered;
        return true;
    }

    private void WriteCandidates(RenderedConfig rendered)
    {
        AtomicFileWriter.WriteCandidate(options.BackendConfigPath, rendered.Backends);
        AtomicFileWriter.WriteCandidate(options.DomainMapPath, rendered.DomainMap);
    }

    private void Commit()
    {
        AtomicFileWriter.Commit(options.BackendConfigPath);
        AtomicFileWriter.Commit(options.DomainMapPath);
    }

    /// <summary>A refused candidate is checked again only when it or the main config changes.</summary>
    private string MainConfigStamp()
    {
        var info = new FileInfo(options.MainConfigPath);
        return info.Exists ? $"{info.LastWriteTimeUtc.Ticks}:{info.Length}" : "missing";
    }

    private void Failed(string message)
    {
        if (message != _lastFailure)
        {
            Log.SourceFailed(logger, source.Description, message);
            _lastFailure = message;
        }
    }

    private void Recovered()
    {
        if (_lastFailure is not null)
        {
            Log.SourceRecovered(logger, source.Description);
            _lastFailure = null;
        }
    }

    private sealed record RejectedConfig(RenderedConfig Config, string MainConfigStamp);

    private sealed class ResyncRequestedException : Exception;
}
