using RancherHaproxy.Routing;

namespace RancherHaproxy.Pages;

/// <summary>A host that a stack owns but cannot serve: the stack, and the counts of the containers that would serve it.</summary>
internal sealed record HostAnswer(string Stack, ContainerCounts Containers);
