using RancherHaproxy.Discovery;
using RancherHaproxy.Sync;

namespace RancherHaproxy.Tests.Sync;

public sealed class FailureStateTests
{
    [Fact]
    public void Fail_SameStateOnDifferentUrls_LoggedOnce()
    {
        var logged = new List<string>();
        var state = new FailureState(logged.Add, () => logged.Add("recovered"));
        var containers = new MetadataException("GET http://m/2015-12-19/containers answered HTTP 500");
        var version = new MetadataException("GET http://m/2015-12-19/version?wait=true&value=v1&maxWait=120 answered HTTP 500");

        state.Fail(containers.Message, containers.State);
        state.Fail(version.Message, version.State);
        state.Fail(version.Message, version.State);

        logged.Should().Equal(containers.Message);
    }

    [Fact]
    public void Fail_StateChangesThenRecovers_LogsEachChangeAndRecoveryOnce()
    {
        var logged = new List<string>();
        var state = new FailureState(logged.Add, () => logged.Add("recovered"));

        state.Fail("GET http://m/containers answered HTTP 500", "500");
        state.Fail("GET http://m/containers answered HTTP 404", "404");
        state.Recover();
        state.Recover();

        logged.Should().Equal("GET http://m/containers answered HTTP 500", "GET http://m/containers answered HTTP 404", "recovered");
    }
}
