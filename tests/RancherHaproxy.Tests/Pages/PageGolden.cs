using System.Text;
using RancherHaproxy.Tests.TestSupport;

namespace RancherHaproxy.Tests.Pages;

/// <summary>
/// Expected page bodies in Pages/Golden/ of the source tree (read from there, so the Golden/ cases of
/// the routing renderers stay exactly theirs). UPDATE_GOLDEN=1 rewrites them instead; review the diff.
/// </summary>
internal static class PageGolden
{
    public static string Directory => Path.Combine(RepositoryPaths.Root, "tests", "RancherHaproxy.Tests", "Pages", "Golden");

    public static void ShouldMatch(byte[] actual, string file)
    {
        var path = Path.Combine(Directory, file);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllBytes(path, actual);
            return;
        }

        File.Exists(path).Should().BeTrue($"{path} holds the expected page; run the tests with UPDATE_GOLDEN=1 to create it");
        Encoding.UTF8.GetString(actual).Should().Be(Encoding.UTF8.GetString(File.ReadAllBytes(path)), $"Pages/Golden/{file} must match byte for byte");
    }
}
