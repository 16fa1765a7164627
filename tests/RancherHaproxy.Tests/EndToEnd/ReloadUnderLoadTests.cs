using System.Globalization;
using System.Net.Sockets;
using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>Issue behaviour 7: no failed requests across reloads, with keep-alive clients.</summary>
[Collection(EndToEndCollections.First)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class ReloadUnderLoadTests(ITestOutputHelper output) : EndToEndTest(output)
{
    private const int Clients = 4;
    private const int Reloads = 8;

    private int _answered;

    [Fact(Timeout = 120_000)]
    public async Task Reload_WhileKeepAliveClientsRequest_NoRequestFails()
    {
        var backend = await Harness.StartBackendAsync("alpha-1");
        var containers = new List<System.Text.Json.Nodes.JsonObject> { ContainerBuilder.RoutedTo("alpha", backend).Build() };
        Harness.Metadata.Publish(containers);
        // No spare backends: every new stack needs a new backend, hence a real reload.
        var daemon = await Harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?> { ["SPARE_BACKENDS"] = "0" });
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, Clients).Select(_ => RequestUntilStoppedAsync(stop.Token)).ToList();

        for (var reload = 1; reload <= Reloads; reload++)
        {
            var linesBefore = daemon.LineCount;
            containers.Add(ContainerBuilder.RoutedTo($"extra{reload}", backend).Build());
            Harness.Metadata.Publish(containers);
            await daemon.WaitForEventAsync("haproxy", "reload succeeded", EndToEndHarness.ChangeTimeout, linesBefore);
            var answered = Volatile.Read(ref _answered);
            await Eventually.UntilAsync(() => Volatile.Read(ref _answered) >= answered + (Clients * 10), EndToEndHarness.ChangeTimeout, "ten more answers per client after the reload");
        }

        await stop.CancelAsync();
        var outcomes = await Task.WhenAll(load);
        var total = outcomes.Sum(outcome => outcome.Succeeded + outcome.Failures.Count);
        var failures = outcomes.SelectMany(outcome => outcome.Failures).ToList();

        Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{total} keep-alive requests across {Reloads} reloads, {failures.Count} failed"));
        total.Should().BeGreaterThan(100, "the clients kept requesting during the reloads");
        failures.Should().BeEmpty("HAProxy reloads without dropping requests (option idle-close-on-response)");
    }

    /// <summary>One keep-alive client requesting back to back; after a failure it reconnects and goes on.</summary>
    private async Task<(int Succeeded, List<string> Failures)> RequestUntilStoppedAsync(CancellationToken stop)
    {
        using var client = new KeepAliveClient(Harness.Probe.Port);
        var succeeded = 0;
        var failures = new List<string>();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var body = await client.GetAsync(EndToEndHarness.HostFor("alpha"), CancellationToken.None);
                if (BackendListener.NameIn(body) == "alpha-1")
                {
                    succeeded++;
                    Interlocked.Increment(ref _answered);
                }
                else
                {
                    failures.Add(body.Trim());
                }
            }
            catch (Exception exception) when (exception is IOException or SocketException)
            {
                failures.Add(exception.Message);
                client.Dispose(); // The next request reconnects.
            }
        }

        return (succeeded, failures);
    }
}
