using System.Globalization;

namespace RancherHaproxy.Haproxy;

internal sealed partial class HaproxyController
{
    /// <summary>Reads <c>show proc</c>; null when the master CLI is unreachable or answers for another master.</summary>
    private async Task<ShowProcStatus?> ReadStatusAsync(int masterPid, CancellationToken cancellationToken)
    {
        var answer = await _cli.TrySendAsync("show proc", cancellationToken).ConfigureAwait(false);
        var status = answer is null ? null : ShowProcParser.Parse(answer);
        if (status is null || status.MasterPid != masterPid)
        {
            return null;
        }

        _seenWorkers.Add(status.AllWorkerPids);
        return status;
    }

    /// <summary>
    /// Asks the worker itself, through the master (<c>@!pid show info</c>). It answers only once
    /// it has loaded its config: on 3.x a new worker is listed before it has, and may still fail.
    /// </summary>
    private async Task<bool> IsWorkerServingAsync(int workerPid, CancellationToken cancellationToken)
    {
        var pid = workerPid.ToString(CultureInfo.InvariantCulture);
        var answer = await _cli.TrySendAsync("@!" + pid + " show info", cancellationToken).ConfigureAwait(false);
        return answer is not null
            && answer.Split('\n').Any(line => line.Trim().Equals("Pid: " + pid, StringComparison.Ordinal));
    }
}
