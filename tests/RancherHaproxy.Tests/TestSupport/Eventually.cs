using System.Diagnostics;
using System.Globalization;

namespace RancherHaproxy.Tests.TestSupport;

/// <summary>
/// The one polling helper, for conditions nothing signals (a file, a process table, an HTTP answer):
/// looks every <see cref="PollInterval"/> until the condition holds, and on timeout fails naming
/// what was awaited and what the last look saw. Where an event exists, wait on it instead.
/// </summary>
internal static class Eventually
{
    /// <summary>Short enough that a measured convergence time is not dominated by the polling.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    /// <summary>Waits until <paramref name="condition"/> holds; a <see cref="TimeoutException"/> naming <paramref name="what"/> otherwise.</summary>
    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what, CancellationToken cancellationToken = default) =>
        UntilAsync(() => Task.FromResult(condition()), held => held, timeout, what, _ => "not yet", pollInterval: null, cancellationToken);

    /// <summary>Looks until a value satisfies <paramref name="done"/> and returns it; on timeout fails naming <paramref name="what"/> and the last value.</summary>
    public static Task<T> UntilAsync<T>(Func<T> look, Func<T, bool> done, TimeSpan timeout, string what, Func<T, string>? describe = null, TimeSpan? pollInterval = null) =>
        UntilAsync(() => Task.FromResult(look()), done, timeout, what, describe, pollInterval, CancellationToken.None);

    /// <summary>Like the synchronous overload, for a look that is itself asynchronous (an HTTP request, a socket).</summary>
    public static async Task<T> UntilAsync<T>(
        Func<Task<T>> look,
        Func<T, bool> done,
        TimeSpan timeout,
        string what,
        Func<T, string>? describe = null,
        TimeSpan? pollInterval = null,
        CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            var last = await look();
            if (done(last))
            {
                return last;
            }

            if (stopwatch.Elapsed >= timeout)
            {
                var seen = describe is null ? Convert.ToString(last, CultureInfo.InvariantCulture) ?? "nothing" : describe(last);
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"Waited {timeout.TotalSeconds:0.#} s for {what}; the last look saw: {seen}."));
            }

            await Task.Delay(pollInterval ?? PollInterval, cancellationToken);
        }
    }
}
