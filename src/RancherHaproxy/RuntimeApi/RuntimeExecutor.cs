using System.Globalization;
using RancherHaproxy.Haproxy;
using RancherHaproxy.Logging;
using RancherHaproxy.Operations;

namespace RancherHaproxy.RuntimeApi;

/// <summary>
/// Sends runtime operations to the worker's admin socket, one command per connection, in order, and
/// removes drained servers once they carry no session. Any refusal stops the batch: the caller then
/// reloads, which puts the worker back in line with the files. Naming a spare in the stack map is
/// the exception: only logs and error pages read it, and a custom config may not load it at all.
/// </summary>
/// <param name="stackMapPath">HAPROXY_STACK_MAP, or null when it cannot be addressed (then spares are not named).</param>
/// <param name="authMapPath">HAPROXY_AUTH_MAP: protected host → realm. A refused change there reloads, like the host map.</param>
/// <param name="operationsState">Each operation is counted there by kind and result.</param>
internal sealed class RuntimeExecutor(
    MasterCli adminSocket, string mapPath, string? stackMapPath, string authMapPath, Logger logger, OperationsState operationsState) : IRuntimeApi
{
    public async Task<bool> ExecuteAsync(IReadOnlyList<RuntimeOperation> operations, CancellationToken cancellationToken)
    {
        foreach (var operation in operations)
        {
            if (operation.Kind == RuntimeOperationKind.NameBackend)
            {
                await NameBackendAsync(operation, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var command = RuntimeCommands.Render(operation, mapPath, authMapPath: authMapPath);
            var answer = await adminSocket.TrySendAsync(command, cancellationToken).ConfigureAwait(false);
            var refused = answer is null || RuntimeCommands.IsFailure(answer);
            operationsState.Counters.RuntimeOperation(operation.Kind, succeeded: !refused);
            if (refused)
            {
                logger.Warn("runtime change refused; reloading instead", ("command", command), ("answer", answer?.Trim() ?? "no answer"));
                return false;
            }
        }

        return true;
    }

    private async Task NameBackendAsync(RuntimeOperation operation, CancellationToken cancellationToken)
    {
        if (stackMapPath is null)
        {
            return;
        }

        var command = RuntimeCommands.Render(operation, mapPath, stackMapPath);
        var answer = await adminSocket.TrySendAsync(command, cancellationToken).ConfigureAwait(false);
        var refused = answer is null || RuntimeCommands.IsFailure(answer);
        operationsState.Counters.RuntimeOperation(operation.Kind, succeeded: !refused);
        if (refused)
        {
            logger.Debug("spare not named in the stack map; logs name it until the next reload", ("command", command), ("answer", answer?.Trim() ?? "no answer"));
        }
    }

    /// <summary>
    /// Deletes the draining servers of <paramref name="backend"/> that have no session left; returns
    /// their names. With <paramref name="waitUntilRemovable"/> (3.0+), <c>wait srv-removable</c> lets
    /// HAProxy finish with what still holds the server (idle connections: 3.4 refuses <c>del server</c>
    /// while it has any), so it goes now rather than on a later try.
    /// </summary>
    public async Task<IReadOnlyList<string>> RemoveIdleAsync(
        string backend, IReadOnlyCollection<string> draining, bool waitUntilRemovable, CancellationToken cancellationToken)
    {
        var stats = await adminSocket.TrySendAsync($"show stat {backend} 4 -1", cancellationToken).ConfigureAwait(false);
        if (stats is null)
        {
            return [];
        }

        var removed = new List<string>();
        foreach (var (server, sessions) in ServerSessions(stats))
        {
            if (sessions == 0 && draining.Contains(server)
                && await RemoveAsync($"{backend}/{server}", waitUntilRemovable, cancellationToken).ConfigureAwait(false))
            {
                removed.Add(server);
            }
        }

        return removed;
    }

    /// <summary>Server name and current sessions (scur) from `show stat` CSV: pxname,svname,qcur,qmax,scur,…</summary>
    internal static IEnumerable<(string Server, int Sessions)> ServerSessions(string csv)
    {
        foreach (var line in csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length > 4 && fields[1] is not ("BACKEND" or "FRONTEND")
                && int.TryParse(fields[4], NumberStyles.None, CultureInfo.InvariantCulture, out var sessions))
            {
                yield return (fields[1], sessions);
            }
        }
    }

    /// <summary>Maintenance (required before a delete), then the delete; false leaves it for the next try.</summary>
    private async Task<bool> RemoveAsync(string target, bool waitUntilRemovable, CancellationToken cancellationToken)
    {
        await adminSocket.TrySendAsync($"set server {target} state maint", cancellationToken).ConfigureAwait(false);
        if (waitUntilRemovable)
        {
            var waited = await adminSocket.TrySendWithoutHalfCloseAsync(RuntimeCommands.WaitUntilRemovable(target), cancellationToken).ConfigureAwait(false);
            if (waited is null || !RuntimeCommands.IsDone(waited))
            {
                logger.Debug("drained server not removable yet", ("server", target), ("answer", waited?.Trim() ?? "no answer"));
                return false;
            }
        }

        var answer = await adminSocket.TrySendAsync($"del server {target}", cancellationToken).ConfigureAwait(false);
        var removed = answer is not null && !RuntimeCommands.IsFailure(answer);
        operationsState.Counters.RuntimeOperation(OperationsCounters.RemoveServerKind, removed);
        return removed;
    }
}
