using RancherHaproxy.Routing;

namespace RancherHaproxy.RuntimeApi;

/// <summary>A server as the running worker has it: in service, or draining before its removal.</summary>
internal sealed record LiveServer(BackendServer Server, bool Draining);
