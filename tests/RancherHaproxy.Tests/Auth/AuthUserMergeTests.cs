using RancherHaproxy.Auth;
using RancherHaproxy.Tests.TestSupport;

namespace RancherHaproxy.Tests.Auth;

/// <summary>Env, then file, then metadata: a name defined again keeps its first definition.</summary>
public sealed class AuthUserMergeTests
{
    [Fact]
    public void Merge_NameInTwoSources_FirstSourceWins()
    {
        // Arrange
        IReadOnlyList<AuthUser> environment = [new("alice", TestHashes.Bcrypt)];
        IReadOnlyList<AuthUser> file = [new("bob", TestHashes.Sha256), new("alice", TestHashes.Sha512)];
        IReadOnlyList<AuthUser> metadata = [new("carol", TestHashes.Sha512), new("bob", TestHashes.Bcrypt)];

        // Act
        var (users, duplicates) = AuthUserMerge.Merge(environment, file, metadata);

        // Assert
        users.Should().Equal(new AuthUser("alice", TestHashes.Bcrypt), new AuthUser("bob", TestHashes.Sha256), new AuthUser("carol", TestHashes.Sha512));
        duplicates.Should().Equal("alice", "bob");
    }

    [Fact]
    public void Merge_NoSources_Empty()
    {
        // Act
        var (users, duplicates) = AuthUserMerge.Merge();

        // Assert
        users.Should().BeEmpty();
        duplicates.Should().BeEmpty();
    }
}
