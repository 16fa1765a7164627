using RancherHaproxy.Routing;

namespace RancherHaproxy.RuntimeApi;

/// <summary>One Runtime API change. Which fields are set depends on <see cref="Kind"/>.</summary>
internal sealed record RuntimeOperation(RuntimeOperationKind Kind, string Backend, BackendServer? Server = null, string? Host = null, string? Stack = null)
{
    public static RuntimeOperation AddServer(string backend, BackendServer server) => new(RuntimeOperationKind.AddServer, backend, server);

    public static RuntimeOperation EnableServer(string backend, BackendServer server) => new(RuntimeOperationKind.EnableServer, backend, server);

    public static RuntimeOperation SetServerAddress(string backend, BackendServer server) => new(RuntimeOperationKind.SetServerAddress, backend, server);

    public static RuntimeOperation ReadyServer(string backend, BackendServer server) => new(RuntimeOperationKind.ReadyServer, backend, server);

    public static RuntimeOperation DrainServer(string backend, BackendServer server) => new(RuntimeOperationKind.DrainServer, backend, server);

    public static RuntimeOperation AddHost(string backend, string host) => new(RuntimeOperationKind.AddHost, backend, Host: host);

    public static RuntimeOperation SetHost(string backend, string host) => new(RuntimeOperationKind.SetHost, backend, Host: host);

    public static RuntimeOperation DeleteHost(string host) => new(RuntimeOperationKind.DeleteHost, string.Empty, Host: host);

    /// <summary>Protect <paramref name="host"/> with realm <paramref name="realm"/>.</summary>
    public static RuntimeOperation AddAuth(string host, string realm) => new(RuntimeOperationKind.AddAuth, string.Empty, Host: host, Stack: realm);

    public static RuntimeOperation SetAuth(string host, string realm) => new(RuntimeOperationKind.SetAuth, string.Empty, Host: host, Stack: realm);

    public static RuntimeOperation DeleteAuth(string host) => new(RuntimeOperationKind.DeleteAuth, string.Empty, Host: host);

    /// <summary>A spare backend now serves <paramref name="stack"/>: the stack map says so, for logs and error pages.</summary>
    public static RuntimeOperation NameBackend(string backend, string stack) => new(RuntimeOperationKind.NameBackend, backend, Stack: stack);
}
