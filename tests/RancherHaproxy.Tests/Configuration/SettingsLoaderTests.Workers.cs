using Microsoft.Extensions.Configuration;
using RancherHaproxy.Configuration;
using RancherHaproxy.Tests.TestSupport;

namespace RancherHaproxy.Tests.Configuration;

/// <summary>HAPROXY_USER and HAPROXY_GROUP, resolved against a fake user database.</summary>
public sealed partial class SettingsLoaderTests
{
    [Fact]
    public void Load_RootDaemonAndNoUserSet_DropsToHaproxyAndItsPrimaryGroup()
    {
        // Arrange / Act
        var workers = LoadWorkers(FakeUserDatabase.Standard, daemonIsRoot: true).Settings!.Workers;

        // Assert
        workers.Should().Be(new WorkerSettings(WorkerMode.Drop, "haproxy", "haproxy", 102, 105, null));
    }

    [Theory]
    [InlineData("www", null, "www", "www-data", 33u, 33u)]
    [InlineData("33", null, "www", "www-data", 33u, 33u)]
    [InlineData("haproxy", "proxy", "haproxy", "proxy", 102u, 13u)]
    [InlineData("haproxy", "13", "haproxy", "proxy", 102u, 13u)]
    [InlineData("www", "root", "www", "root", 33u, 0u)]
    public void Load_RootDaemonAndUserSet_DropsToThatUserAndGroup(string user, string? group, string name, string groupName, uint uid, uint gid)
    {
        // Arrange / Act
        var result = LoadWorkers(FakeUserDatabase.Standard, daemonIsRoot: true, ("HAPROXY_USER", user), ("HAPROXY_GROUP", group));

        // Assert
        result.Errors.Should().BeEmpty();
        result.Settings!.Workers.Should().Be(new WorkerSettings(WorkerMode.Drop, name, groupName, uid, gid, null));
    }

    [Theory]
    [InlineData("root")]
    [InlineData("0")]
    [InlineData("toor")]
    public void Load_UserIsRoot_KeepsRootWithAReason(string user)
    {
        // Arrange / Act
        var workers = LoadWorkers(FakeUserDatabase.Standard, daemonIsRoot: true, ("HAPROXY_USER", user), ("HAPROXY_GROUP", "haproxy")).Settings!.Workers;

        // Assert
        workers.Mode.Should().Be(WorkerMode.Root);
        workers.User.Should().BeNull();
        workers.Reason.Should().Contain("root");
    }

    [Fact]
    public void Load_NoHaproxyUserAndNoUserSet_KeepsRootWithAReason()
    {
        // Arrange / Act
        var workers = LoadWorkers(FakeUserDatabase.WithoutHaproxy, daemonIsRoot: true).Settings!.Workers;

        // Assert
        workers.Mode.Should().Be(WorkerMode.Root);
        workers.Reason.Should().Contain("haproxy");
    }

    [Theory]
    [InlineData("HAPROXY_USER", "nosuchuser", null)]
    [InlineData("HAPROXY_USER", "4711", null)]
    [InlineData("HAPROXY_GROUP", "haproxy", "nosuchgroup")]
    [InlineData("HAPROXY_GROUP", "haproxy", "4711")]
    [InlineData("HAPROXY_GROUP", "orphan", null)]
    public void Load_UnknownUserOrGroup_ReportsOneErrorNamingTheVariable(string variable, string user, string? group)
    {
        // Arrange / Act
        var result = LoadWorkers(FakeUserDatabase.Standard, daemonIsRoot: true, ("HAPROXY_USER", user), ("HAPROXY_GROUP", group));

        // Assert
        result.Settings.Should().BeNull();
        result.Errors.Should().ContainSingle().Which.Variable.Should().Be(variable);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("nosuchuser")]
    [InlineData("root")]
    public void Load_DaemonNotRoot_DropsNothingAndChecksNothing(string? user)
    {
        // Arrange / Act
        var result = LoadWorkers(FakeUserDatabase.Standard, daemonIsRoot: false, ("HAPROXY_USER", user), ("HAPROXY_GROUP", "nosuchgroup"));

        // Assert
        result.Errors.Should().BeEmpty();
        result.Settings!.Workers.Should().Be(WorkerSettings.NotRoot);
    }

    [Fact]
    public void SystemUserDatabase_RootAndItsGroup_AreFoundByNameAndId()
    {
        // Arrange
        var database = SystemUserDatabase.Instance;

        // Act / Assert
        database.FindUser("root").Should().Be(new UserEntry("root", 0, 0));
        database.FindUser(0u)!.Name.Should().Be("root");
        database.FindGroup(0u)!.Name.Should().Be("root");
        database.FindGroup("root")!.Id.Should().Be(0);
        database.FindUser("no-such-user-rh14").Should().BeNull();
        database.FindGroup("no-such-group-rh14").Should().BeNull();
    }

    private static SettingsResult LoadWorkers(IUserDatabase users, bool daemonIsRoot, params (string Name, string? Value)[] variables)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal) { ["STACK_DOMAIN"] = "example.com" };
        foreach (var (name, value) in variables)
        {
            values[name] = value;
        }

        return SettingsLoader.Load(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), users, daemonIsRoot);
    }
}
