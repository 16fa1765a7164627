namespace RancherHaproxy.Tests.TestSupport;

/// <summary>
/// The haproxy executable the integration tests run. A missing haproxy fails the test loudly:
/// these tests are never skipped (./build.sh test and .ci/run install it).
/// </summary>
internal static class HaproxyBinary
{
    public static string Path
    {
        get
        {
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
