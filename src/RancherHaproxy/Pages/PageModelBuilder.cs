using RancherHaproxy.Routing;

namespace RancherHaproxy.Pages;

/// <summary>Pure: the routing result's stacks, when each was first seen and the clock's now → the pages' model.</summary>
internal static class PageModelBuilder
{
    public static PageModel Build(IReadOnlyList<StackStatus> stacks, IReadOnlyDictionary<string, DateTimeOffset> firstSeen, PageLinks links, DateTimeOffset now)
    {
        var pages = stacks
            .Select(stack => new StackPage(
                stack.Name,
                stack.Ready,
                stack.Hosts.Select(host => new HostLink(host.Host, links.UrlOf(host.Host), host.Ready)).ToList(),
                stack.Containers,
                firstSeen.GetValueOrDefault(stack.Name, now),
                stack.Labels)
            {
                Protected = stack.Protected,
            })
            .OrderByDescending(stack => stack.FirstSeen)
            .ThenBy(stack => stack.Name, StringComparer.Ordinal)
            .ToList();
        var notReady = new Dictionary<string, HostAnswer>(StringComparer.Ordinal);
        foreach (var stack in stacks)
        {
            foreach (var host in stack.Hosts.Where(host => !host.Ready))
            {
                notReady[host.Host] = new HostAnswer(stack.Name, host.Containers);
            }
        }

        return new PageModel(true, now, pages, notReady);
    }
}
