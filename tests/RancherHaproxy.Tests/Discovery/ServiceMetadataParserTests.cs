using System.Text.Json;
using RancherHaproxy.Discovery;
using RancherHaproxy.Tests.TestSupport;

namespace RancherHaproxy.Tests.Discovery;

public sealed class ServiceMetadataParserTests
{
    [Fact]
    public void Parse_AliasesMap_ReadsEveryStack()
    {
        // Act
        var metadata = Parse("""{"aliases":{"shop":["www","store"],"blog":[]},"other":{"nested":[1,2.5]}}""");

        // Assert
        metadata.Problems.Should().BeEmpty();
        metadata.Aliases.Should().HaveCount(2);
        metadata.Aliases["shop"].Should().Equal("www", "store");
        metadata.Aliases["blog"].Should().BeEmpty();
    }

    [Fact]
    public void Parse_AliasesSingleString_IsAListOfOne()
    {
        // Act
        var metadata = Parse("""{"aliases":{"blog":"news"}}""");

        // Assert
        metadata.Problems.Should().BeEmpty();
        metadata.Aliases["blog"].Should().Equal("news");
    }

    [Theory]
    [InlineData("""{"aliases":["www"]}""")]
    [InlineData("""{"aliases":"www"}""")]
    [InlineData("""{"aliases":42}""")]
    [InlineData("""{"aliases":true}""")]
    public void Parse_AliasesNotAMap_IsAProblemAndIgnored(string json)
    {
        // Act
        var metadata = Parse(json);

        // Assert
        metadata.Aliases.Should().BeEmpty();
        metadata.Problems.Should().ContainSingle().Which.Should().Contain("aliases");
    }

    [Theory]
    [InlineData("""{"aliases":{"shop":42,"blog":["news"]}}""")]
    [InlineData("""{"aliases":{"shop":["www",42],"blog":["news"]}}""")]
    [InlineData("""{"aliases":{"shop":{"www":true},"blog":["news"]}}""")]
    public void Parse_OneStacksAliasesOfWrongType_IsAProblemNamingItAndTheRestIsKept(string json)
    {
        // Act
        var metadata = Parse(json);

        // Assert
        metadata.Aliases.Keys.Should().Equal("blog");
        metadata.Problems.Should().ContainSingle().Which.Should().Contain("aliases.shop");
    }

    [Fact]
    public void Parse_AliasesNull_IsNoAliasesAndNoProblem()
    {
        // Act
        var metadata = Parse("""{"aliases":null}""");

        // Assert
        metadata.Aliases.Should().BeEmpty();
        metadata.Problems.Should().BeEmpty();
    }

    [Fact]
    public void Parse_SslCertAndKey_AreRead()
    {
        // Act
        var metadata = Parse("""{"ssl_cert":"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n","ssl_key":"-----BEGIN PRIVATE KEY-----\nMIIE\n"}""");

        // Assert
        metadata.SslCertificate.Should().StartWith("-----BEGIN CERTIFICATE-----\nMIIB");
        metadata.SslKey.Should().StartWith("-----BEGIN PRIVATE KEY-----");
        metadata.ToString().Should().NotContain("PRIVATE KEY", "the key must never reach a log line");
    }

    [Theory]
    [InlineData("""{"ssl_cert":42}""", 1)]
    [InlineData("""{"ssl_cert":["a"],"ssl_key":{"k":"v"}}""", 2)]
    [InlineData("""{"ssl_cert":"  ","ssl_key":null}""", 0)]
    public void Parse_SslValuesNotUsableStrings_AreIgnored(string json, int problems)
    {
        // Act
        var metadata = Parse(json);

        // Assert
        metadata.SslCertificate.Should().BeNull();
        metadata.SslKey.Should().BeNull();
        metadata.Problems.Should().HaveCount(problems);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("\"aliases\"")]
    [InlineData("42")]
    [InlineData("{}")]
    public void Parse_NotAnObjectOrEmpty_IsEmpty(string json)
    {
        // Act / Assert
        Parse(json).Should().BeEquivalentTo(ServiceMetadata.Empty);
    }

    [Fact]
    public void Parse_NoMetadata_IsEmpty()
    {
        // Act / Assert
        ServiceMetadataParser.Parse(null).Should().BeSameAs(ServiceMetadata.Empty);
        ServiceMetadataParser.Parse(default(JsonElement)).Should().BeSameAs(ServiceMetadata.Empty);
    }

    [Fact]
    public void Parse_AuthUsersStringOrList_ReadsEveryUser()
    {
        // Act
        var text = Parse($$"""{"auth_users":"alice:{{TestHashes.Bcrypt}}\nbob:{{TestHashes.Sha256}}"}""");
        var list = Parse($$"""{"auth_users":["alice:{{TestHashes.Bcrypt}}","bob:{{TestHashes.Sha256}}"]}""");

        // Assert
        text.Problems.Should().BeEmpty();
        text.AuthUsers!.Select(user => user.Name).Should().Equal("alice", "bob");
        list.AuthUsers.Should().Equal(text.AuthUsers);
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"auth_users":null}""")]
    public void Parse_NoAuthUsers_NoMetadataUsers(string json) => Parse(json).AuthUsers.Should().BeEmpty();

    [Fact]
    public void Parse_AuthUsersWithARefusedEntry_RefusesTheListNamingTheUserOnly()
    {
        // Act
        var metadata = Parse($$"""{"auth_users":"alice:{{TestHashes.Bcrypt}} dave:hunter2"}""");

        // Assert
        metadata.AuthUsers.Should().BeNull("the metadata users in force stay as they were");
        metadata.Problems.Should().ContainSingle().Which.Should()
            .Be("metadata key auth_users: user dave: unsupported hash; make a bcrypt one with: htpasswd -nbB dave '<password>'; the users in force stay");
        metadata.ToString().Should().NotContain("$2b$").And.NotContain("hunter2");
    }

    [Theory]
    [InlineData("""{"auth_users":42}""")]
    [InlineData("""{"auth_users":{"alice":"x"}}""")]
    public void Parse_AuthUsersOfAnotherShape_RefusedAsAProblem(string json)
    {
        // Act
        var metadata = Parse(json);

        // Assert
        metadata.AuthUsers.Should().BeNull();
        metadata.Problems.Should().ContainSingle().Which.Should().Contain("auth_users");
    }

    private static ServiceMetadata Parse(string json) =>
        ServiceMetadataParser.Parse(JsonSerializer.Deserialize(json, MetadataJsonContext.Default.JsonElement));
}
