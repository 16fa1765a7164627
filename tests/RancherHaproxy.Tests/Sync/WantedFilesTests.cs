using RancherHaproxy.Auth;
using RancherHaproxy.Discovery;
using RancherHaproxy.Routing;
using RancherHaproxy.Sync;
using RancherHaproxy.Tests.TestSupport;
using RancherHaproxy.Tls;

namespace RancherHaproxy.Tests.Sync;

/// <summary>The users in force: start users first, the metadata ones after; a refused metadata list keeps the ones in force.</summary>
public sealed class WantedFilesTests
{
    private static readonly AuthUser Alice = new("alice", TestHashes.Bcrypt);
    private static readonly AuthUser Bob = new("bob", TestHashes.Sha256);
    private static readonly AuthUser Carol = new("carol", TestHashes.Sha512);

    private readonly WantedFiles _wanted = new(Options(Alice), TestLogger.Discarding);

    [Fact]
    public void Users_MetadataUsers_FollowTheStartUsers()
    {
        // Act
        var (users, metadataUsers) = _wanted.Users(SyncState.Initial, ServiceMetadata.Empty with { AuthUsers = [Bob] }, []);

        // Assert
        users.Should().Equal(Alice, Bob);
        metadataUsers.Should().Equal(Bob);
    }

    [Fact]
    public void Users_RefusedMetadataList_KeepsTheMetadataUsersInForce()
    {
        // Arrange
        var state = SyncState.Initial with { MetadataUsers = [Carol] };

        // Act
        var (users, metadataUsers) = _wanted.Users(state, ServiceMetadata.Empty with { AuthUsers = null }, []);

        // Assert
        users.Should().Equal(Alice, Carol);
        metadataUsers.Should().Equal(Carol);
    }

    [Fact]
    public void Users_MetadataRedefinesAStartUser_StartUserWinsWithAProblemNamingIt()
    {
        // Arrange
        var problems = new List<string>();

        // Act
        var (users, _) = _wanted.Users(SyncState.Initial, ServiceMetadata.Empty with { AuthUsers = [Alice with { Hash = TestHashes.Sha512 }] }, problems);

        // Assert
        users.Should().Equal(Alice);
        problems.Should().ContainSingle().Which.Should().Contain("user alice").And.NotContain("$6$");
    }

    [Fact]
    public void Render_Users_InTheBackendsFileAndTheUsersPart()
    {
        // Act
        var config = _wanted.Render(RoutingTable.Empty, CertificatePlan.Disabled, [Alice, Bob]);

        // Assert
        config.Users.Should().Be($"# Users for protected stacks (AUTH_USERS, AUTH_USERS_FILE, metadata auth_users).\nuserlist rh-users\n    user alice password '{TestHashes.Bcrypt}'\n    user bob password '{TestHashes.Sha256}'\n");
        config.Backends.Should().Contain(config.Users);
        config.ToString().Should().NotContain("$2b$");
    }

    private static SyncLoopOptions Options(params AuthUser[] startUsers) => new(
        Containers.Options, "/nonexistent/haproxy.cfg", "/nonexistent/backends.cfg", "/nonexistent/domain.map", "/nonexistent/crt-list.txt",
        new CertificateOptions(false, "/nonexistent/server.pem", false, false, "/nonexistent/placeholder.pem"), null, TimeSpan.FromSeconds(10))
    {
        StartUsers = startUsers,
    };
}
