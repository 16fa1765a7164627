using System.Globalization;

namespace RancherHaproxy.RuntimeApi;

/// <summary>
/// Runtime API command lines for each operation, and how to tell HAProxy's answers apart. Every
/// name and address in them was validated by the routing builder; the map path by the settings.
/// </summary>
internal static class RuntimeCommands
{
    private static readonly string[] FailureMarkers =
    [
        "No such", "Unknown", "Unable", "unable", "not found", "Not found", "denied", "Require", "require",
        "Invalid", "invalid", "cannot", "Cannot", "failed", "Failed", "error", "Error", "Already exists", "not allowed",
    ];

    /// <param name="stackMapPath">HAPROXY_STACK_MAP, for <see cref="RuntimeOperationKind.NameBackend"/>.</param>
    /// <param name="authMapPath">HAPROXY_AUTH_MAP, for the auth operations.</param>
    public static string Render(RuntimeOperation operation, string mapPath, string? stackMapPath = null, string? authMapPath = null)
    {
        var server = operation.Server;
        var target = server is null ? string.Empty : $"{operation.Backend}/{server.Name}";
        return operation.Kind switch
        {
            RuntimeOperationKind.AddServer => $"add server {target} {server!.Address}:{Port(server.Port)}{(server.ProxyProtocol is null ? string.Empty : " " + server.ProxyProtocol)}",
            RuntimeOperationKind.EnableServer => $"enable server {target}",
            RuntimeOperationKind.SetServerAddress => $"set server {target} addr {server!.Address.Trim('[', ']')} port {Port(server.Port)}",
            RuntimeOperationKind.ReadyServer => $"set server {target} state ready",
            RuntimeOperationKind.DrainServer => $"set server {target} state drain",
            RuntimeOperationKind.AddHost => $"add map {mapPath} {operation.Host} {operation.Backend}",
            RuntimeOperationKind.SetHost => $"set map {mapPath} {operation.Host} {operation.Backend}",
            RuntimeOperationKind.DeleteHost => $"del map {mapPath} {operation.Host}",
            RuntimeOperationKind.NameBackend => $"set map {stackMapPath} {operation.Backend} {operation.Stack}",
            RuntimeOperationKind.AddAuth => $"add map {authMapPath} {operation.Host} {operation.Stack}",
            RuntimeOperationKind.SetAuth => $"set map {authMapPath} {operation.Host} {operation.Stack}",
            RuntimeOperationKind.DeleteAuth => $"del map {authMapPath} {operation.Host}",
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation.Kind, "Unknown runtime operation."),
        };
    }

    /// <summary>
    /// How long one <c>wait srv-removable</c> may hold the stats socket: the server is in maintenance
    /// with no session by then, so only its idle connections are left to close. Below the socket
    /// client's own timeout, so HAProxy's answer always arrives.
    /// </summary>
    public static readonly TimeSpan RemovableWait = TimeSpan.FromMilliseconds(1000);

    /// <summary>Returns once <paramref name="target"/> (backend/server) can be deleted, or the wait expired (3.0+).</summary>
    public static string WaitUntilRemovable(string target) =>
        $"wait {RemovableWait.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} srv-removable {target}";

    /// <summary>A <c>wait</c> that ended because its condition came true ("Done."), not "Failed." or "Interrupted.".</summary>
    public static bool IsDone(string answer) => answer.Trim().StartsWith("Done", StringComparison.Ordinal);

    /// <summary>True when HAProxy's answer reports a failure; success answers are empty or a short confirmation.</summary>
    public static bool IsFailure(string answer) => FailureMarkers.Any(marker => answer.Contains(marker, StringComparison.Ordinal));

    /// <summary>The map file's name as HAProxy knows it must fit in one CLI word.</summary>
    public static bool CanAddress(string mapPath) => !mapPath.Any(character => char.IsWhiteSpace(character) || character is ';' or '\\');

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
