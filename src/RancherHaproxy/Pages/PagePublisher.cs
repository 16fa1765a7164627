using RancherHaproxy.Routing;

namespace RancherHaproxy.Pages;

/// <summary>
/// Holds the pages' current model: the sync loop publishes each applied routing result, the page
/// server reads <see cref="Current"/> on its own threads. A read never waits for the loop.
/// </summary>
internal sealed class PagePublisher(PageLinks links, TimeProvider timeProvider)
{
    private readonly Dictionary<string, DateTimeOffset> _firstSeen = new(StringComparer.Ordinal);
    private volatile PageModel _current = PageModel.Loading(timeProvider.GetUtcNow());

    public PageModel Current => _current;

    /// <summary>Called by the sync loop only (one thread at a time): stacks gone are forgotten, new ones dated now.</summary>
    public void Publish(IReadOnlyList<StackStatus> stacks)
    {
        // Whole seconds, as the pages show it: stacks seen in the same second sort by name, as a reader expects.
        var now = timeProvider.GetUtcNow();
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        var names = stacks.Select(stack => stack.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in _firstSeen.Keys.Where(name => !names.Contains(name)).ToList())
        {
            _firstSeen.Remove(gone);
        }

        foreach (var name in names)
        {
            _firstSeen.TryAdd(name, now);
        }

        _current = PageModelBuilder.Build(stacks, _firstSeen, links, now);
    }
}
