using RancherHaproxy.Routing;

namespace RancherHaproxy.Rendering;

/// <summary>The two generated files, as text. Equal texts mean nothing to do.</summary>
internal sealed record RenderedConfig(string DomainMap, string Backends)
{
    public static RenderedConfig From(RoutingTable table) =>
        new(DomainMapRenderer.Render(table), BackendsRenderer.Render(table));
}
