using System.Text.Json;
using RancherHaproxy.Discovery;
using RancherHaproxy.Operations;

namespace RancherHaproxy.Tests.Operations;

public sealed class StatusJsonTests
{
    [Fact]
    public void Write_AtStart_HasTheSchemasPropertiesInOrderWithNulls()
    {
        // Arrange
        var (state, _) = OperationsSamples.NewState();

        // Act
        using var document = JsonDocument.Parse(StatusJson.Write(state.View(null), OperationsSamples.Options()));

        // Assert
        var root = document.RootElement;
        Names(root).Should().Equal("schema", "version", "haproxy_version", "ready", "healthy", "started_at", "last_read", "last_apply",
            "metadata", "counts", "reloads", "runtime_applies", "last_error");
        root.GetProperty("schema").GetInt32().Should().Be(1);
        root.GetProperty("version").GetString().Should().Be("1.2.3+abc");
        root.GetProperty("haproxy_version").ValueKind.Should().Be(JsonValueKind.Null);
        root.GetProperty("ready").GetBoolean().Should().BeFalse();
        root.GetProperty("healthy").GetBoolean().Should().BeTrue("HAProxy not started yet counts as starting");
        root.GetProperty("started_at").GetString().Should().Be("2026-12-01T14:00:00Z");
        root.GetProperty("last_read").ValueKind.Should().Be(JsonValueKind.Null);
        root.GetProperty("last_apply").ValueKind.Should().Be(JsonValueKind.Null);
        root.GetProperty("last_error").ValueKind.Should().Be(JsonValueKind.Null);
        var metadata = root.GetProperty("metadata");
        Names(metadata).Should().Equal("reachable", "unreachable_since", "last_error");
        metadata.GetProperty("reachable").GetBoolean().Should().BeTrue();
        Names(root.GetProperty("counts")).Should().Equal("stacks", "servers", "hosts", "skipped");
        Names(root.GetProperty("counts").GetProperty("skipped")).Should().Equal("starting", "stopped", "unhealthy", "no_ip", "bad_label");
    }

    [Fact]
    public void Write_AfterAnApplyAndAnOutage_ShowsReadApplyCountsAndErrors()
    {
        // Arrange
        var (state, clock) = OperationsSamples.Applied();
        state.Counters.Reload(ReloadReason.Routes, succeeded: true);
        clock.Advance(TimeSpan.FromSeconds(61));
        state.MetadataFailed(MetadataErrorKind.Unreachable, "GET http://m/version failed: Connection refused");
        clock.Advance(TimeSpan.FromSeconds(5));
        state.MetadataFailed(MetadataErrorKind.Timeout, "GET http://m/version did not answer within 10 s");

        // Act
        using var document = JsonDocument.Parse(StatusJson.Write(state.View(null), OperationsSamples.Options()));

        // Assert
        var root = document.RootElement;
        root.GetProperty("haproxy_version").GetString().Should().Be("3.2.0");
        root.GetProperty("ready").GetBoolean().Should().BeTrue("the last good routes still serve");
        var read = root.GetProperty("last_read");
        Names(read).Should().Equal("at", "source_version");
        read.GetProperty("at").GetString().Should().Be("2026-12-01T14:00:02Z");
        read.GetProperty("source_version").GetString().Should().Be("v7");
        var apply = root.GetProperty("last_apply");
        Names(apply).Should().Equal("at", "source_version", "reload", "duration_ms");
        apply.GetProperty("reload").GetBoolean().Should().BeFalse();
        apply.GetProperty("duration_ms").GetInt64().Should().Be(12);
        var metadata = root.GetProperty("metadata");
        metadata.GetProperty("reachable").GetBoolean().Should().BeFalse();
        metadata.GetProperty("unreachable_since").GetString().Should().Be("2026-12-01T14:01:03Z", "the first failure of the outage");
        metadata.GetProperty("last_error").GetString().Should().Be("GET http://m/version did not answer within 10 s");
        var counts = root.GetProperty("counts");
        counts.GetProperty("stacks").GetInt32().Should().Be(2);
        counts.GetProperty("servers").GetInt32().Should().Be(3);
        counts.GetProperty("hosts").GetInt32().Should().Be(3);
        counts.GetProperty("skipped").GetProperty("starting").GetInt32().Should().Be(1);
        root.GetProperty("reloads").GetInt64().Should().Be(1);
        root.GetProperty("runtime_applies").GetInt64().Should().Be(1);
        var error = root.GetProperty("last_error");
        Names(error).Should().Equal("at", "message");
        error.GetProperty("at").GetString().Should().Be("2026-12-01T14:01:08Z");
    }

    [Fact]
    public void Write_MetadataBack_ClearsTheOutageButKeepsTheLastError()
    {
        // Arrange
        var (state, _) = OperationsSamples.Applied();
        state.MetadataFailed(MetadataErrorKind.Invalid, "GET http://m/containers gave an unreadable answer");
        state.Read("v8");

        // Act
        using var document = JsonDocument.Parse(StatusJson.Write(state.View(null), OperationsSamples.Options()));

        // Assert
        var root = document.RootElement;
        root.GetProperty("metadata").GetProperty("reachable").GetBoolean().Should().BeTrue();
        root.GetProperty("metadata").GetProperty("unreachable_since").ValueKind.Should().Be(JsonValueKind.Null);
        root.GetProperty("metadata").GetProperty("last_error").ValueKind.Should().Be(JsonValueKind.Null);
        root.GetProperty("last_error").GetProperty("message").GetString().Should().Contain("unreadable");
    }

    private static List<string> Names(JsonElement element) => [.. element.EnumerateObject().Select(property => property.Name)];
}
