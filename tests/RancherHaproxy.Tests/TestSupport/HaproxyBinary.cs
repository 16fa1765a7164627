namespace RancherHaproxy.Tests.TestSupport;

/// <summary>
/// The haproxy executable the integration tests run: HAPROXY_BIN (./build.sh test sets it, once per
/// binary), else haproxy on PATH. A missing haproxy fails the test loudly: these tests are never
/// skipped (./build.sh test and .ci/run install it).
/// </summary>
internal static class HaproxyBinary
{
    /// <summary>Set by ./build.sh test for its run of the tests without <see cref="TestCategories.Haproxy"/>.</summary>
    public const string ForbiddenVariable = "TESTS_WITHOUT_HAPROXY";

    public static string Path
    {
        get
        {
            if (Environment.GetEnvironmentVariable(ForbiddenVariable) == "1")
            {
                throw new InvalidOperationException(
                    $"This test runs HAProxy but lacks [Trait(\"{TestCategories.Name}\", \"{TestCategories.Haproxy}\")]: " +
                    "./build.sh test runs HAProxy tests once per HAProxy version, and only those with the trait.");
            }

            var fromEnvironment = Environment.GetEnvironmentVariable("HAPROXY_BIN");
            if (!string.IsNullOrEmpty(fromEnvironment))
            {
                return fromEnvironment;
            }

            foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':'))
            {
                var full = System.IO.Path.Combine(directory, "haproxy");
                if (File.Exists(full))
                {
                    return full;
                }
            }

            foreach (var fallback in new[] { "/usr/sbin/haproxy", "/usr/local/sbin/haproxy" })
            {
                if (File.Exists(fallback))
                {
                    return fallback;
                }
            }

            throw new InvalidOperationException(
                "haproxy is not installed, and the HAProxy tests never skip. Install it: apt-get install -y haproxy");
        }
    }
}
