namespace RancherHaproxy.Routing;

/// <summary>One stack's backend: the host names that reach it and one server per routed container.</summary>
internal sealed record StackBackend(
    string Name,
    string Stack,
    IReadOnlyList<string> Hosts,
    IReadOnlyList<BackendServer> Servers);
