using RancherHaproxy.Pages;
using RancherHaproxy.Tests.TestSupport;

namespace RancherHaproxy.Tests.Pages;

/// <summary>A started <see cref="PageServer"/> on a real unix socket in a temp directory, its model swappable, its log readable.</summary>
internal sealed class PageServerHarness : IAsyncDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly Func<IReadOnlyList<string>> _lines;
    private PageModel _model;

    private PageServerHarness(PageModel model, TimeProvider? timeProvider, string? socketPath)
    {
        _model = model;
        SocketPath = socketPath ?? _directory.Combine("pages.sock");
        var logger = TestLogger.Capturing("pages", out _lines);
        Server = new PageServer(PageSamples.Options with { SocketPath = SocketPath }, () => Volatile.Read(ref _model), timeProvider ?? TimeProvider.System, logger);
    }

    public string SocketPath { get; }

    public string DirectoryPath => _directory.Path;

    public PageServer Server { get; }

    public PageModel Model
    {
        set => Volatile.Write(ref _model, value);
    }

    public IReadOnlyList<string> LogLines => _lines();

    /// <summary>A harness whose server has started (and said so).</summary>
    public static PageServerHarness Start(PageModel? model = null, TimeProvider? timeProvider = null)
    {
        var harness = Create(model, timeProvider);
        harness.Server.Start().Should().BeTrue(string.Join('\n', harness.LogLines));
        return harness;
    }

    /// <summary>A harness whose server is not started yet; <paramref name="socketPath"/> overrides the temp directory's.</summary>
    public static PageServerHarness Create(PageModel? model = null, TimeProvider? timeProvider = null, string? socketPath = null) =>
        new(model ?? PageSamples.TwoStacks, timeProvider, socketPath);

    public Task<RawResponse> SendAsync(string request) => RawHttp.SendAsync(SocketPath, request);

    /// <summary>Waits until a log line contains <paramref name="text"/> (the server logs every connection's end).</summary>
    public Task UntilLoggedAsync(string text) =>
        Eventually.UntilAsync(() => LogLines.Any(line => line.Contains(text, StringComparison.Ordinal)), TimeSpan.FromSeconds(5), $"a log line with '{text}'");

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _directory.Dispose();
    }
}
