namespace RancherHaproxy.Haproxy;

/// <summary>Runs `haproxy -c` over the main config plus candidate generated files.</summary>
internal interface IConfigChecker
{
    /// <summary>
    /// Checks the main config with <paramref name="backendConfigPath"/> as the backends file and
    /// <paramref name="domainMapPath"/> exported as HAPROXY_DOMAIN_MAP, so candidates are checked
    /// before they replace anything.
    /// </summary>
    Task<ConfigCheckResult> CheckAsync(string backendConfigPath, string domainMapPath, CancellationToken cancellationToken);
}
