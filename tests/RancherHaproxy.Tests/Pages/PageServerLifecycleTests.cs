using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using RancherHaproxy.Pages;
using RancherHaproxy.Tests.TestSupport;

namespace RancherHaproxy.Tests.Pages;

public sealed class PageServerLifecycleTests
{
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    [Fact(Timeout = 10000)]
    public async Task Start_StaleSocketFile_IsReplacedBy0660Socket()
    {
        // Arrange
        await using var harness = PageServerHarness.Create();
        await File.WriteAllTextAsync(harness.SocketPath, "stale");

        // Act
        var started = harness.Server.Start();

        // Assert
        started.Should().BeTrue(string.Join('\n', harness.LogLines));
        File.GetUnixFileMode(harness.SocketPath).Should().Be(
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);
        (await harness.SendAsync(RawHttp.Get("/", "web.example.com"))).Status.Should().Be(503);
        harness.LogLines.Should().Contain(line => line.Contains("pages listening", StringComparison.Ordinal));
    }

    [Fact(Timeout = 10000)]
    public async Task DisposeAsync_Started_RemovesTheSocketFile()
    {
        // Arrange
        var harness = PageServerHarness.Start();
        File.Exists(harness.SocketPath).Should().BeTrue();

        // Act
        await harness.Server.DisposeAsync();

        // Assert
        File.Exists(harness.SocketPath).Should().BeFalse();
        await harness.DisposeAsync();
    }

    [Fact(Timeout = 10000)]
    public async Task Start_DirectoryMissing_IsFalseAndLoggedWithoutThrowing()
    {
        // Arrange
        var missing = Path.Combine(Path.GetTempPath(), "rh-missing-" + Guid.NewGuid().ToString("N"), "pages.sock");
        await using var harness = PageServerHarness.Create(socketPath: missing);

        // Act
        var started = harness.Server.Start();

        // Assert
        started.Should().BeFalse();
        harness.LogLines.Should().ContainSingle(line => line.Contains("pages cannot listen", StringComparison.Ordinal) && line.Contains(missing, StringComparison.Ordinal));
    }

    [Fact(Timeout = 10000)]
    public async Task Connection_SilentFor5Seconds_IsClosedAndLogged()
    {
        // Arrange
        var time = new FakeTimeProvider();
        await using var harness = PageServerHarness.Start(timeProvider: time);
        using var idle = RawHttp.Connect(harness.SocketPath);
        var closed = RawHttp.ReadToEndAsync(idle);

        // Act: the server starts its 5 s clock at accept, which this test cannot see; advance until it has run out.
        await Eventually.UntilAsync(
            async () =>
            {
                time.Advance(PageServer.ConnectionTimeout);
                return await Task.WhenAny(closed, Task.Delay(50)) == closed;
            },
            done => done,
            TimeSpan.FromSeconds(5),
            "the server to close the silent connection");

        // Assert
        (await closed).Should().BeEmpty("a connection that never sent a request gets no answer");
        await harness.UntilLoggedAsync("page connection timed out");
    }

    [Fact(Timeout = 10000)]
    public async Task DisposeAsync_ConnectionOpenAndSilent_CutsItAndReturns()
    {
        // Arrange
        var harness = PageServerHarness.Start();
        using var idle = RawHttp.Connect(harness.SocketPath);
        idle.Send("GET / HTTP/1.1\r\n"u8);
        var closed = RawHttp.ReadToEndAsync(idle);
        // One accept loop takes connections in order: once a later one is answered, the idle one is in hand.
        (await harness.SendAsync(RawHttp.Get("/", "web.example.com"))).Status.Should().Be(503);

        // Act
        await harness.DisposeAsync();

        // Assert: the 10 s test timeout, not the 5 s connection timeout, bounds this.
        (await closed).Should().BeEmpty();
        new Func<Socket>(() => RawHttp.Connect(harness.SocketPath)).Should().Throw<SocketException>();
    }
}
