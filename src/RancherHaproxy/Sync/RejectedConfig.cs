using RancherHaproxy.Rendering;

namespace RancherHaproxy.Sync;

/// <summary>A candidate <c>haproxy -c</c> refused, checked again only when it or the main config changes.</summary>
internal sealed record RejectedConfig(RenderedConfig Config, string MainConfigStamp);
