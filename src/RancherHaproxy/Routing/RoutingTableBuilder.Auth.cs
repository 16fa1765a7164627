namespace RancherHaproxy.Routing;

/// <summary>Which stacks require credentials (the `.auth` label, AUTH_DEFAULT, AUTH_ALLOW_OPT_OUT) and the auth map's entries.</summary>
internal static partial class RoutingTableBuilder
{
    /// <summary>The realm of INDEX_HOST in the auth map when AUTH_DEFAULT is on.</summary>
    public const string IndexRealm = "index";

    private const string AuthNotice = "auth label ignored";

    /// <summary>
    /// Any container `on` → protected. Else any `off` with AUTH_ALLOW_OPT_OUT → not protected; `off`
    /// without it is a warning naming the stack, which keeps AUTH_DEFAULT. Else AUTH_DEFAULT. Values
    /// other than `on`/`off` are warnings naming the container, and count as unset.
    /// </summary>
    private static bool IsProtected(KnownStack stack, RoutingOptions options, List<RoutingNotice> notices)
    {
        var (on, off) = (false, false);
        foreach (var container in stack.Containers)
        {
            switch (container.Labels.GetValueOrDefault(options.AuthLabel))
            {
                case null:
                    break;
                case "on":
                    on = true;
                    break;
                case "off":
                    off = true;
                    break;
                case var other:
                    notices.Add(new RoutingNotice(true, $"container={container.Uuid}", $"label {options.AuthLabel}", $"'{Printable(other)}' is neither on nor off; ignored") { Message = AuthNotice });
                    break;
            }
        }

        if (on || !off)
        {
            return on || options.AuthDefault;
        }

        if (options.AuthAllowOptOut)
        {
            return false;
        }

        var kept = options.AuthDefault ? "on: the stack stays protected" : "off";
        notices.Add(new RoutingNotice(true, $"stack={stack.Name}", $"label {options.AuthLabel}", $"off needs AUTH_ALLOW_OPT_OUT=true; AUTH_DEFAULT={kept}") { Message = AuthNotice });
        return options.AuthDefault;
    }

    /// <summary>
    /// Every routed host of the protected stacks, realm = stack; INDEX_HOST with realm `index` when
    /// AUTH_DEFAULT is on. Hosts without a route answer through the daemon's pages, which show nothing of the stack.
    /// </summary>
    private static List<KeyValuePair<string, string>> AuthHosts(IEnumerable<StackBackend> protectedBackends, RoutingOptions options)
    {
        var hosts = protectedBackends
            .SelectMany(backend => backend.Hosts.Select(host => new KeyValuePair<string, string>(host, backend.Stack)))
            .ToList();
        if (options.AuthDefault && options.ReservedHost is not null)
        {
            hosts.Add(new KeyValuePair<string, string>(options.ReservedHost, IndexRealm));
        }

        return hosts.DistinctBy(pair => pair.Key, StringComparer.Ordinal).OrderBy(pair => pair.Key, StringComparer.Ordinal).ToList();
    }

    /// <summary>What HAProxy starts with before any answer: no routes; the index protected when AUTH_DEFAULT is on.</summary>
    public static RoutingTable EmptyTable(RoutingOptions options) => RoutingTable.Empty with { AuthHosts = AuthHosts([], options) };
}
