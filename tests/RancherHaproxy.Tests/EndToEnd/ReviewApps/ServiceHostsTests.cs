using RancherHaproxy.Tests.TestSupport;
using Xunit.Abstractions;

namespace RancherHaproxy.Tests.EndToEnd.ReviewApps;

/// <summary>
/// The <c>map-public-http.hosts</c> label: each service of a stack on its own hostnames and its own
/// backend; <c>{stack}</c> and <c>{service}</c> expand; names outside STACK_DOMAIN and EXTRA_DOMAINS,
/// and names that are not DNS names, are skipped with a warning naming the container and the label.
/// </summary>
[Collection(EndToEndCollections.First)]
[Trait(TestCategories.Name, TestCategories.Haproxy)]
public sealed class ServiceHostsTests(ITestOutputHelper output) : EndToEndTest(output)
{
    public const string HostsLabel = ContainerBuilder.DefaultLabel + ".hosts";

    [Fact(Timeout = 60_000)]
    public async Task Request_WebWithoutLabelApiWithHostsLabel_EachHostReachesOnlyItsService()
    {
        // Arrange: the example.
        var web = await Harness.StartBackendAsync("web-1");
        var api1 = await Harness.StartBackendAsync("api-1");
        var api2 = await Harness.StartBackendAsync("api-2");
        Harness.Metadata.Publish(
            ContainerBuilder.RoutedTo("app-r123", web).InStack("app-r123", "web"),
            ContainerBuilder.RoutedTo("app-r123", api1).InStack("app-r123", "api").WithLabel(HostsLabel, "api-{stack}"),
            ContainerBuilder.RoutedTo("app-r123", api2).InStack("app-r123", "api").WithLabel(HostsLabel, "api-{stack}"));
        await Harness.StartDaemonAndWaitForRoutesAsync();

        // Act
        var site = await Harness.Probe.GetManyAsync("app-r123.e2e.test", 6);
        var api = await Harness.Probe.GetManyAsync("api-app-r123.e2e.test", 6);

        // Assert
        site.Should().AllSatisfy(result => result.Backend.Should().Be("web-1"));
        api.GroupBy(result => result.Backend).Should().HaveCount(2, "both api containers list the host: round-robin")
            .And.AllSatisfy(group => group.Key.Should().BeOneOf("api-1", "api-2"));
        web.RequestCount.Should().Be(6, "no request for the API host reached the site");
        (api1.RequestCount + api2.RequestCount).Should().Be(6, "no request for the site reached the API");
        var backends = await File.ReadAllTextAsync(Harness.BackendConfigPath);
        backends.Should().Contain("backend stack_app-r123\n", "the group serving the stack's own name keeps stack_<stack>")
            .And.Contain("backend stack_app-r123.api-app-r123.e2e.test\n", "another group is stack_<stack>.<its first host>");
    }

    [Fact(Timeout = 60_000)]
    public async Task Request_NoOrEmptyHostsLabel_StackServesItsOwnNameAsBefore()
    {
        // Arrange
        var first = await Harness.StartBackendAsync("alpha-1");
        var second = await Harness.StartBackendAsync("alpha-2");
        Harness.Metadata.Publish(
            ContainerBuilder.RoutedTo("alpha", first),
            ContainerBuilder.RoutedTo("alpha", second).WithLabel(HostsLabel, string.Empty));
        await Harness.StartDaemonAndWaitForRoutesAsync();

        // Act
        var results = await Harness.Probe.GetManyAsync(EndToEndHarness.HostFor("alpha"), 6);

        // Assert
        results.Select(result => result.Backend).Should().OnlyContain(name => name == "alpha-1" || name == "alpha-2")
            .And.Contain("alpha-1").And.Contain("alpha-2");
        var backendLines = (await File.ReadAllLinesAsync(Harness.BackendConfigPath)).Where(line => line.StartsWith("backend stack_", StringComparison.Ordinal));
        backendLines.Should().Equal(["backend stack_alpha"], "an absent or empty label is {stack}: one backend, as before");
        (await File.ReadAllTextAsync(Harness.DomainMapPath)).Should().Contain("alpha.e2e.test stack_alpha");
    }

    [Fact(Timeout = 60_000)]
    public async Task Request_HostsLabelWithServiceStackAndDottedNames_ExpandsLowerCasesAndServesEach()
    {
        // Arrange: spaces around names ignored, {service} and {stack} expanded, the result lower-cased.
        var admin = await Harness.StartBackendAsync("admin-1");
        var container = ContainerBuilder.RoutedTo("app-r123", admin).InStack("app-r123", "admin")
            .WithLabel(HostsLabel, " {service}-{stack} , V2.{service}.E2E.test,Docs-{stack}");
        Harness.Metadata.Publish(container);
        await Harness.StartDaemonAndWaitForRoutesAsync();

        // Act
        var expanded = await Harness.Probe.GetAsync("admin-app-r123.e2e.test");
        var dotted = await Harness.Probe.GetAsync("v2.admin.e2e.test");
        var lowered = await Harness.Probe.GetAsync("docs-app-r123.e2e.test");
        var ownName = await Harness.Probe.GetAsync("app-r123.e2e.test");

        // Assert
        expanded.Backend.Should().Be("admin-1");
        dotted.Backend.Should().Be("admin-1", "a name with dots that ends with .STACK_DOMAIN is accepted");
        lowered.Backend.Should().Be("admin-1");
        ownName.Backend.Should().BeNull("the label replaces {stack}: the stack's own name is not listed");
        Harness.Daemon.Lines.Should().NotContain(line => line.Level == "warn" && line.Field("container") == container.Uuid);
    }

    [Fact(Timeout = 60_000)]
    public async Task Request_HostsLabelOutsideStackDomain_RefusedWithWarningNamingContainerAndLabel()
    {
        // Arrange
        var alpha = await Harness.StartBackendAsync("alpha-1");
        var container = ContainerBuilder.RoutedTo("alpha", alpha).WithLabel(HostsLabel, "api.other.example,good-{stack}");
        Harness.Metadata.Publish(container);
        await Harness.StartDaemonAndWaitForRoutesAsync();

        // Act
        var outside = await Client().GetAsync("api.other.example");
        var good = await Harness.Probe.GetAsync("good-alpha.e2e.test");

        // Assert
        outside.ShouldBeText(404, AnswerTexts.UnknownHost("api.other.example"));
        good.Backend.Should().Be("alpha-1", "the container still serves its other names");
        AssertWarning(container.Uuid, "api.other.example");
        (await File.ReadAllTextAsync(Harness.DomainMapPath)).Should().NotContain("other.example");
    }

    [Fact(Timeout = 60_000)]
    public async Task Request_HostsLabelInExtraDomain_AcceptedButNotTheExtraDomainItself()
    {
        // Arrange
        var alpha = await Harness.StartBackendAsync("alpha-1");
        var container = ContainerBuilder.RoutedTo("alpha", alpha).WithLabel(HostsLabel, "api.other.example, other.example");
        Harness.Metadata.Publish(container);
        await Harness.StartDaemonAndWaitForRoutesAsync(new Dictionary<string, string?> { ["EXTRA_DOMAINS"] = "more.example,other.example" });

        // Act
        var listed = await Harness.Probe.GetAsync("api.other.example");
        var bare = await Client().GetAsync("other.example");

        // Assert
        listed.Backend.Should().Be("alpha-1", "api.other.example ends with .<one of EXTRA_DOMAINS>");
        bare.ShouldBeText(404, AnswerTexts.UnknownHost("other.example"));
        AssertWarning(container.Uuid, "other.example");
    }

    [Fact(Timeout = 60_000)]
    public async Task Request_InvalidHostsNames_EachSkippedWithWarningValidOnesServed()
    {
        // Arrange
        var alpha = await Harness.StartBackendAsync("alpha-1");
        var container = ContainerBuilder.RoutedTo("alpha", alpha).WithLabel(HostsLabel, "bad_name!,-dash,good-{stack},{nope}");
        Harness.Metadata.Publish(container);
        await Harness.StartDaemonAndWaitForRoutesAsync();

        // Act
        var good = await Harness.Probe.GetAsync("good-alpha.e2e.test");

        // Assert
        good.Backend.Should().Be("alpha-1");
        AssertWarning(container.Uuid, "bad_name!");
        AssertWarning(container.Uuid, "-dash");
        AssertWarning(container.Uuid, "{nope}");
        var map = await File.ReadAllTextAsync(Harness.DomainMapPath);
        map.Should().NotContain("bad_name").And.NotContain("-dash").And.NotContain("nope");
    }

    /// <summary>A routing warning naming container=<paramref name="uuid"/>, the .hosts label and the refused <paramref name="name"/>.</summary>
    private void AssertWarning(string uuid, string name) =>
        Harness.Daemon.Lines.Should().Contain(
            line => line.Level == "warn" && line.Component == "routing" && line.Field("container") == uuid
                && line.Raw.Contains(HostsLabel, StringComparison.Ordinal) && line.Raw.Contains(name, StringComparison.Ordinal),
            "the refused name {0} is reported naming the container and the label", name);

    private RawHttpClient Client() => new(Harness.Probe.Port);
}
