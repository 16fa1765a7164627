using RancherHaproxy.Discovery;
using RancherHaproxy.Logging;
using RancherHaproxy.Operations;

namespace RancherHaproxy.Sync;

/// <summary>
/// What the loop says about itself, each thing once per change of state: routing notices, a source
/// that fails and recovers, writes that fail and recover; and the back-off between retries.
/// </summary>
/// <param name="operations">Every failure is counted there and becomes /status's last error.</param>
internal sealed class SyncReporters(string source, Logger logger, TimeSpan retryInterval, OperationsState operations)
{
    public NoticeReporter Notices { get; } = new(logger.ForComponent("routing"));

    public Backoff Backoff { get; } = new(TimeSpan.FromMilliseconds(500), retryInterval);

    public FailureState SourceFailure { get; } = new(
        message => SyncLog.SourceFailed(logger, source, message), () => SyncLog.SourceRecovered(logger, source));

    public FailureState WriteFailure { get; } = new(message => SyncLog.WriteFailed(logger, message), () => SyncLog.WriteRecovered(logger));

    /// <summary>
    /// Says what failed and answers how long to wait: <see cref="SyncLoop.ProbeInterval"/> after a
    /// version read (<paramref name="waiting"/>), the back-off after anything else.
    /// </summary>
    public TimeSpan Fail(Exception exception, bool waiting)
    {
        switch (exception)
        {
            case MetadataException metadata:
                operations.MetadataFailed(metadata.Kind, metadata.Message);
                SourceFailure.Fail(metadata.Message, metadata.State);
                return waiting ? SyncLoop.ProbeInterval : Backoff.Next();
            case IOException io:
                operations.Failed("cannot write the config files: " + io.Message, countsAsSync: true);
                WriteFailure.Fail(io.Message);
                return Backoff.Next();
            default:
                operations.Failed($"unexpected {exception.GetType().Name}: {exception.Message}", countsAsSync: true);
                WriteFailure.Fail($"unexpected {exception.GetType().Name}: {exception.Message}");
                return Backoff.Next();
        }
    }
}
