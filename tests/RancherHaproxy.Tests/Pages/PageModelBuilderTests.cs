using Microsoft.Extensions.Time.Testing;
using RancherHaproxy.Pages;
using RancherHaproxy.Routing;

namespace RancherHaproxy.Tests.Pages;

/// <summary>From the routing result's stacks to the pages' model: order, links, not-ready hosts, first seen.</summary>
public sealed class PageModelBuilderTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly ContainerCounts OneReady = new(1, 1, 0, 0, 0, 0, 0);

    private static readonly ContainerCounts OneStarting = new(1, 0, 1, 0, 0, 0, 0);

    [Fact]
    public void Build_Stacks_NewestFirstThenByNameWithLinksAndNotReadyHosts()
    {
        // Arrange
        var stacks = new[]
        {
            Stack("alpha", ("alpha.example.com", OneReady)),
            Stack("beta", ("beta.example.com", OneReady), ("api-beta.example.com", OneStarting)),
            Stack("gamma", ("gamma.example.com", OneStarting)),
        };
        var firstSeen = new Dictionary<string, DateTimeOffset> { ["alpha"] = Noon, ["beta"] = Noon.AddMinutes(1), ["gamma"] = Noon };

        // Act
        var model = PageModelBuilder.Build(stacks, firstSeen, new PageLinks("http", 8080), Noon.AddMinutes(2));

        // Assert
        model.Loaded.Should().BeTrue();
        model.Stacks.Select(stack => (stack.Name, stack.Ready)).Should().Equal(("beta", false), ("alpha", true), ("gamma", false));
        model.Stacks[0].Hosts.Select(host => host.Url).Should().Equal("http://beta.example.com:8080/", "http://api-beta.example.com:8080/");
        model.NotReadyHosts.Keys.Should().BeEquivalentTo("api-beta.example.com", "gamma.example.com");
        model.NotReadyHosts["api-beta.example.com"].Should().Be(new HostAnswer("beta", OneStarting));
    }

    [Fact]
    public void Build_ProtectedStack_ShownAsProtected()
    {
        // Arrange
        var stacks = new[] { Stack("alpha", ("alpha.example.com", OneReady)) with { Protected = true }, Stack("beta", ("beta.example.com", OneReady)) };

        // Act
        var model = PageModelBuilder.Build(stacks, new Dictionary<string, DateTimeOffset>(), new PageLinks("http", 80), Noon);

        // Assert
        model.Stacks.Select(stack => (stack.Name, stack.Protected)).Should().Equal(("alpha", true), ("beta", false));
    }

    [Theory]
    [InlineData(false, false, 80, 443, "http://a.example.com/")]
    [InlineData(true, false, 80, 443, "http://a.example.com/")]
    [InlineData(true, true, 80, 443, "https://a.example.com/")]
    [InlineData(true, true, 80, 8443, "https://a.example.com:8443/")]
    [InlineData(false, false, 8080, 443, "http://a.example.com:8080/")]
    public void Links_HttpsOnlyWithTlsAndRedirect_PortOnlyWhenNotTheDefault(bool tls, bool redirect, int http, int https, string expected) =>
        PageLinks.For(tls, redirect, http, https).UrlOf("a.example.com").Should().Be(expected);

    [Fact]
    public void Publisher_FirstSeen_KeptWhileTheStackLivesForgottenWhenItGoes()
    {
        // Arrange
        var clock = new FakeTimeProvider(Noon.AddMilliseconds(300));
        var publisher = new PagePublisher(new PageLinks("http", 80), clock);
        publisher.Current.Loaded.Should().BeFalse("nothing is applied yet");

        // Act
        publisher.Publish([Stack("alpha", ("alpha.example.com", OneReady))]);
        clock.Advance(TimeSpan.FromMinutes(5));
        publisher.Publish([Stack("alpha", ("alpha.example.com", OneReady)), Stack("beta", ("beta.example.com", OneReady))]);
        var both = publisher.Current;
        publisher.Publish([Stack("beta", ("beta.example.com", OneReady))]);
        clock.Advance(TimeSpan.FromMinutes(5));
        publisher.Publish([Stack("alpha", ("alpha.example.com", OneReady)), Stack("beta", ("beta.example.com", OneReady))]);

        // Assert
        both.Stacks.Select(stack => (stack.Name, stack.FirstSeen)).Should().Equal(("beta", Noon.AddMinutes(5)), ("alpha", Noon));
        publisher.Current.Stacks.Select(stack => (stack.Name, stack.FirstSeen))
            .Should().Equal(("alpha", Noon.AddMinutes(10)), ("beta", Noon.AddMinutes(5)));
    }

    private static StackStatus Stack(string name, params (string Host, ContainerCounts Counts)[] hosts) => new(
        name,
        hosts.Select(host => new HostStatus(host.Host, host.Counts)).ToList(),
        new ContainerCounts(hosts.Length, hosts.Count(host => host.Counts.Ready > 0), hosts.Count(host => host.Counts.Ready == 0), 0, 0, 0, 0),
        []);
}
