using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>
/// An end-to-end test class: xunit makes one instance per test, so each test gets its own
/// <see cref="EndToEndHarness"/>, started before it and torn down after it (the daemon's output
/// then goes to the test's output).
/// </summary>
public abstract class EndToEndTest(ITestOutputHelper output) : IAsyncLifetime
{
    private protected EndToEndHarness Harness { get; private set; } = null!;

    protected ITestOutputHelper Output => output;

    public async Task InitializeAsync() => Harness = await EndToEndHarness.StartAsync(output);

    public async Task DisposeAsync() => await Harness.DisposeAsync();
}
