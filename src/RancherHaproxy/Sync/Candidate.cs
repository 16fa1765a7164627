using RancherHaproxy.Rendering;
using RancherHaproxy.Routing;

namespace RancherHaproxy.Sync;

/// <summary>
/// What one answer wants: its routing table, the files rendered from it, its inputs, and the main
/// config's stamp now. The files are rendered when first asked for: a change the Runtime API can make
/// is made before they are (the planner needs only the table and the parts a Runtime API change
/// must leave alone: the certificate list, the daemon's PEM and the userlist), and they are then
/// rendered to be compared and installed off the critical path (among 20,000 stacks a render was
/// 13 ms of a change's 80).
/// </summary>
internal sealed class Candidate
{
    private readonly Lazy<RenderedConfig> _config;

    /// <summary>With files rendered already.</summary>
    public Candidate(RoutingTable table, RenderedConfig config, Settled settled, string mainConfigStamp)
        : this(table, () => config, (config.CrtList, config.ManagedPem, config.Users), settled, mainConfigStamp)
    {
    }

    /// <param name="render">Renders the files (once, on first use).</param>
    /// <param name="unrouted">What <paramref name="render"/> will put in <see cref="RenderedConfig.CrtList"/>, <see cref="RenderedConfig.ManagedPem"/> and <see cref="RenderedConfig.Users"/>.</param>
    public Candidate(
        RoutingTable table, Func<RenderedConfig> render, (string CrtList, string? ManagedPem, string Users) unrouted, Settled settled, string mainConfigStamp)
    {
        Table = table;
        _config = new Lazy<RenderedConfig>(render);
        (CrtList, ManagedPem, Users) = unrouted;
        Settled = settled;
        MainConfigStamp = mainConfigStamp;
    }

    public RoutingTable Table { get; }

    /// <summary>The files, rendered on first use.</summary>
    public RenderedConfig Config => _config.Value;

    /// <summary>Whether <see cref="Config"/> was rendered yet (tests).</summary>
    internal bool Rendered => _config.IsValueCreated;

    public string CrtList { get; }

    public string? ManagedPem { get; }

    public string Users { get; }

    public Settled Settled { get; }

    public string MainConfigStamp { get; }
}
