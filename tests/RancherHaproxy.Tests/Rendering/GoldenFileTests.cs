using System.Text;
using System.Text.Json;
using RancherHaproxy.Discovery;
using RancherHaproxy.Rendering;
using RancherHaproxy.Routing;
using RancherHaproxy.Tests.TestSupport;
using RancherHaproxy.Tls;

namespace RancherHaproxy.Tests.Rendering;

/// <summary>
/// Golden/&lt;case&gt;/input.json (a metadata document as METADATA_FILE holds it) → domain.map and
/// haproxy-backends.cfg, byte for byte. UPDATE_GOLDEN=1 rewrites the expected files in the source
/// tree instead; review them in the diff.
/// </summary>
public sealed class GoldenFileTests
{
    private const string MapFile = "domain.map";
    private const string BackendsFile = "haproxy-backends.cfg";
    private const string AuthMapFile = "auth.map";

    private static readonly string[] ExpectedCases =
    [
        "aliases", "basic-two-stacks", "case-colliding-stacks", "empty", "hostile-values",
        "mixed-valid-invalid", "protected-stacks", "round-robin", "send-proxy", "service-hosts",
    ];

    public static TheoryData<string> Cases => new(CaseNames());

    [Fact]
    public void Cases_GoldenFolder_HoldsEveryCase()
    {
        // Act / Assert: a case that was not copied to the output must not pass by being absent.
        CaseNames().Should().BeEquivalentTo(ExpectedCases);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Render_GoldenCase_MatchesExpectedFiles(string name)
    {
        // Arrange / Act
        var rendered = Render(name);

        // Assert (or regenerate)
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            var source = Path.Combine(RepositoryPaths.Root, "tests", "RancherHaproxy.Tests", "Golden", name);
            File.WriteAllBytes(Path.Combine(source, MapFile), Encoding.UTF8.GetBytes(rendered.DomainMap));
            File.WriteAllBytes(Path.Combine(source, BackendsFile), Encoding.UTF8.GetBytes(rendered.Backends));
            File.WriteAllBytes(Path.Combine(source, AuthMapFile), Encoding.UTF8.GetBytes(rendered.AuthMap));
            return;
        }

        ShouldEqualFile(rendered.DomainMap, name, MapFile);
        ShouldEqualFile(rendered.Backends, name, BackendsFile);
        ShouldEqualFile(rendered.AuthMap, name, AuthMapFile);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Render_GoldenCase_HasOnlyTemplateLines(string name)
    {
        // Arrange / Act
        var rendered = Render(name);

        // Assert
        RenderedLines.Strangers(rendered).Should().BeEmpty();
        RenderedLines.MapBackends(rendered.DomainMap).Should().BeSubsetOf(RenderedLines.DeclaredBackends(rendered.Backends));
    }

    [Fact]
    public void Render_HostileCase_ContainsNoHostileCharacter()
    {
        // Arrange / Act
        var rendered = Render("hostile-values");
        var generated = string.Join('\n', (rendered.DomainMap + rendered.Backends).Split('\n').Where(line => !line.StartsWith('#')));

        // Assert
        generated.Should().NotContainAny("%[", "\"", "\\", "\r", "backup", "evil", "#x").And.NotContain("\t");
        generated.Split('\n').Where(line => line.Contains('#', StringComparison.Ordinal))
            .Should().OnlyContain(line => line.StartsWith("    # stack ", StringComparison.Ordinal));
        rendered.Backends.Should().Contain("server web-------_h-0007 10.42.10.7:8080", "a hostile service name is sanitised, its container still routed");
    }

    [Trait(TestCategories.Name, TestCategories.Haproxy)]
    [Theory]
    [MemberData(nameof(Cases))]
    public void Render_GoldenCase_PassesHaproxyCheck(string name)
    {
        // Arrange / Act
        var (exitCode, output) = HaproxyCheck.Run(Render(name));

        // Assert
        exitCode.Should().Be(0, output);
    }

    private static RenderedConfig Render(string name)
    {
        using var stream = File.OpenRead(Path.Combine(GoldenDirectory, name, "input.json"));
        var document = JsonSerializer.Deserialize(stream, new ContainerJson("map-public-http", "send-proxy", "map-public-http.hosts", "map-public-http.auth").Document)!;
        var service = ServiceMetadataParser.Parse(document.Self?.Service?.Metadata);
        var result = RoutingTableBuilder.Build(
            ContainerList.WithoutNulls(document.Containers),
            service,
            new RoutingOptions("example.com", "map-public-http", "send-proxy", HealthFilter: true) { ReservedHost = "index.example.com" });
        return RenderedConfig.From(result.Table, CertificatePlan.Disabled, string.Empty, string.Empty, users: service.AuthUsers);
    }

    private static void ShouldEqualFile(string actual, string name, string file)
    {
        var path = Path.Combine(GoldenDirectory, name, file);
        File.Exists(path).Should().BeTrue($"{path} holds the expected output; run the tests with UPDATE_GOLDEN=1 to create it");
        var expected = Encoding.UTF8.GetString(File.ReadAllBytes(path));
        Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(actual)).Should().Be(expected, $"Golden/{name}/{file} must match byte for byte");
    }

    private static string GoldenDirectory => Path.Combine(AppContext.BaseDirectory, "Golden");

    private static string[] CaseNames() =>
        Directory.GetDirectories(GoldenDirectory).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();
}
