using System.Diagnostics;
using System.Text.Json.Nodes;
using RancherHaproxy.Tests.EndToEnd.RuntimeApi;
using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.Access;

/// <summary>
/// Which stacks are protected changes through the Runtime API (the auth map), the worker pid
/// unchanged; a change of the users changes the userlist, which only a reload can do.
/// </summary>
[Collection(EndToEndCollections.First)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class PolicyChangeTests(ITestOutputHelper output) : EndToEndTest(output)
{
    private static readonly string Host = EndToEndHarness.HostFor("alpha");

    [Fact(Timeout = 30_000)]
    public async Task Publish_AuthLabelAddedThenRemoved_AppliedWithoutReloadSameWorker()
    {
        // Arrange: AUTH_DEFAULT=off, alpha without the label.
        var container = ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1"));
        Harness.Metadata.Publish(container);
        await Harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?> { ["AUTH_USERS"] = TestUsers.Sha256.Line });
        var client = ClientAddresses.From(Harness);
        (await client.GetAsync(Host)).ShouldReach("alpha-1", "alpha is not protected yet");
        var workerPid = await MasterSocket.WorkerPidAsync(Harness.RunDirectory);

        // Act: auth=on on the running stack.
        var linesBefore = Harness.Daemon.LineCount;
        Harness.Metadata.Publish(container.WithLabel(AccessAnswers.AuthLabel, "on"));
        var protectedAnswer = await UntilAsync(client, answer => answer.Status == 401, "alpha to ask for credentials");

        // Assert
        protectedAnswer.ShouldAskForCredentials("alpha");
        (await client.GetAsync(Host, headers: TestUsers.Sha256.Credentials)).ShouldReach("alpha-1");
        await AssertAppliedWithoutReloadAsync(workerPid, linesBefore);

        // Act: the label removed again.
        linesBefore = Harness.Daemon.LineCount;
        Harness.Metadata.Publish(container.WithoutLabel(AccessAnswers.AuthLabel));
        var openAnswer = await UntilAsync(client, answer => answer.Status == 200, "alpha to answer without credentials");

        // Assert
        openAnswer.ShouldReach("alpha-1");
        await AssertAppliedWithoutReloadAsync(workerPid, linesBefore);
    }

    [Fact(Timeout = 30_000)]
    public async Task Publish_AuthUsersChangedInServiceMetadata_AppliedThroughReload()
    {
        // Arrange: every stack protected, the only user from the service metadata.
        var containers = new[] { ContainerBuilder.RoutedTo("alpha", await Harness.StartBackendAsync("alpha-1")).Build() };
        Harness.Metadata.Publish(containers, TestUsers.LoadBalancer(new JsonArray(TestUsers.MetadataUser.Line)));
        await Harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?> { ["AUTH_DEFAULT"] = "on" });
        var client = ClientAddresses.From(Harness);
        (await client.GetAsync(Host)).ShouldAskForCredentials("alpha", "AUTH_DEFAULT=on protects alpha");
        (await client.GetAsync(Host, headers: TestUsers.OtherMetadataUser.Credentials)).ShouldAskForCredentials("alpha", "the other user is not listed yet");
        (await client.GetAsync(Host, headers: TestUsers.MetadataUser.Credentials)).ShouldReach("alpha-1");
        var workerPid = await MasterSocket.WorkerPidAsync(Harness.RunDirectory);
        var linesBefore = Harness.Daemon.LineCount;

        // Act: the metadata now lists another user instead.
        Harness.Metadata.Publish(containers, TestUsers.LoadBalancer(new JsonArray(TestUsers.OtherMetadataUser.Line)));
        var newUser = await UntilAsync(client, answer => answer.Status == 200, "the new user to get in", TestUsers.OtherMetadataUser.Credentials);

        // Assert
        newUser.ShouldReach("alpha-1");
        await Harness.Daemon.WaitForEventAsync("haproxy", "reload succeeded", EndToEndHarness.ChangeTimeout, linesBefore);
        (await client.GetAsync(Host, headers: TestUsers.MetadataUser.Credentials)).ShouldAskForCredentials("alpha", "the user no longer listed is out");
        var workers = await Eventually.UntilAsync<IReadOnlyList<int>>(
            () => MasterSocket.TryCurrentWorkerPidsAsync(Harness.RunDirectory), pids => pids.Count == 1, EndToEndHarness.ChangeTimeout, "one current worker after the reload");
        workers[0].Should().NotBe(workerPid, "a userlist only changes through a reload");
    }

    private async Task<HttpAnswer> UntilAsync(RawHttpClient client, Func<HttpAnswer, bool> done, string what, IReadOnlyList<KeyValuePair<string, string>>? headers = null)
    {
        var stopwatch = Stopwatch.StartNew();
        var answer = await Eventually.UntilAsync<HttpAnswer>(() => client.GetAsync(Host, headers: headers), done, EndToEndHarness.ChangeTimeout, what, pollInterval: TimeSpan.FromMilliseconds(50));
        Harness.Record(what, stopwatch.Elapsed);
        return answer;
    }

    /// <summary>The daemon applied the change (a "routes applied" line since <paramref name="linesBefore"/>) with reload=false, no reload, the same worker.</summary>
    private async Task AssertAppliedWithoutReloadAsync(int workerPid, int linesBefore)
    {
        var applied = await Harness.Daemon.WaitForLineAsync(line => line.Is("sync", "routes applied"), EndToEndHarness.ChangeTimeout, "routes applied", linesBefore);
        applied.Field("reload").Should().Be("false", "a change of protection goes through the Runtime API");
        Harness.Daemon.CountEvents("haproxy", "reload succeeded", linesBefore).Should().Be(0);
        (await MasterSocket.WorkerPidAsync(Harness.RunDirectory)).Should().Be(workerPid, "the same worker keeps serving");
    }
}
