using RancherHaproxy.Rendering;
using RancherHaproxy.Sync;

namespace RancherHaproxy.Tests.Sync;

/// <summary>Files that install without I/O: every check passes unless <see cref="Refuse"/>.</summary>
internal sealed class FakeInstaller : IConfigInstaller
{
    public int Checks { get; private set; }

    public bool Refuse { get; set; }

    public string MainConfigStamp() => "stamp";

    public void Install(RenderedConfig config)
    {
    }

    public Task<InstallOutcome> CheckAndInstallAsync(RenderedConfig wanted, RenderedConfig? applied, CancellationToken cancellationToken)
    {
        Checks++;
        return Task.FromResult(Refuse ? InstallOutcome.Refused : new InstallOutcome(wanted, false));
    }
}
