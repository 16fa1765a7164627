using RancherHaproxy.Auth;
using RancherHaproxy.Tests.TestSupport;

namespace RancherHaproxy.Tests.Auth;

/// <summary>htpasswd-style lines: separators, comments, refusals that name the user and never the hash.</summary>
public sealed class AuthUserParserTests
{
    [Fact]
    public void Parse_NewlinesCommasSpacesAndComments_ReadsEveryUser()
    {
        // Arrange
        var text = $"# team\nalice:{TestHashes.Bcrypt},bob:{TestHashes.Sha256}  carol:{TestHashes.Sha512}\r\n\n   # more\n";

        // Act
        var list = AuthUserParser.Parse(text);

        // Assert
        list.Errors.Should().BeEmpty();
        list.Users.Select(user => user.Name).Should().Equal("alice", "bob", "carol");
        list.Users[2].Hash.Should().Be(TestHashes.Sha512);
    }

    [Fact]
    public void Parse_Null_Empty() => AuthUserParser.Parse((string?)null).Should().BeEquivalentTo(AuthUserList.Empty);

    [Theory]
    [InlineData("dave:secret")]
    [InlineData("dave:$1$saltsalt$qjXMvbEw8oaL.CzflDugX/")]
    [InlineData("dave:$apr1$saltsalt$3qYb6pFqZk0ckp2xtvJD.1")]
    [InlineData("dave:")]
    public void Parse_UnsupportedHash_NamesUserAndHowToMakeOne(string entry)
    {
        // Act
        var list = AuthUserParser.Parse($"alice:{TestHashes.Bcrypt}\n{entry}");

        // Assert
        list.Users.Select(user => user.Name).Should().Equal("alice");
        list.Errors.Should().Equal("user dave: unsupported hash; make a bcrypt one with: htpasswd -nbB dave '<password>'");
        list.Errors[0].Should().NotContain("secret").And.NotContain("$1$").And.NotContain("$apr1$").And.NotContain("saltsalt");
    }

    [Theory]
    [InlineData("justapassword")]
    [InlineData("bad/name:x")]
    [InlineData(":" + TestHashes.Sha256)]
    [InlineData("al$ce:" + TestHashes.Sha256)]
    public void Parse_NotUserColonHash_QuotesNothingOfTheEntry(string entry)
    {
        // Act
        var list = AuthUserParser.Parse(entry);

        // Assert
        list.Users.Should().BeEmpty();
        list.Errors.Should().ContainSingle().Which.Should().StartWith("entry 1 is not user:hash")
            .And.NotContain("password").And.NotContain("$5$").And.NotContain("al$ce");
    }

    [Fact]
    public void Parse_NameTooLong_Refused() =>
        AuthUserParser.Parse(new string('a', 65) + ":" + TestHashes.Sha256).Errors.Should().ContainSingle();

    [Fact]
    public void Parse_NameDefinedTwice_FirstWinsAndIsReported()
    {
        // Act
        var list = AuthUserParser.Parse($"alice:{TestHashes.Bcrypt} alice:{TestHashes.Sha256}");

        // Assert
        list.Users.Should().ContainSingle().Which.Hash.Should().Be(TestHashes.Bcrypt);
        list.Duplicates.Should().Equal("alice");
        list.Errors.Should().BeEmpty();
    }

    [Fact]
    public void Parse_ListOfStrings_ReadsEach() =>
        AuthUserParser.Parse([$"alice:{TestHashes.Bcrypt}", $"bob:{TestHashes.Sha256}\ncarol:{TestHashes.Sha512}"])
            .Users.Should().HaveCount(3);

    [Fact]
    public void ToString_User_HidesTheHash() =>
        new AuthUser("alice", TestHashes.Bcrypt).ToString().Should().Contain("alice").And.NotContain("$2b$");
}
