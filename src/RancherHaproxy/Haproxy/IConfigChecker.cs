namespace RancherHaproxy.Haproxy;

/// <summary>Runs `haproxy -c` over the main config plus candidate generated files.</summary>
internal interface IConfigChecker
{
    /// <summary>
    /// Checks the main config with <paramref name="backendConfigPath"/> as the backends file, and
    /// <paramref name="environmentOverrides"/> (e.g. <see cref="HaproxyVariables.DomainMap"/> naming the candidate map)
    /// on top of HAProxy's environment, so candidates are checked before they replace anything.
    /// </summary>
    Task<ConfigCheckResult> CheckAsync(
        string backendConfigPath, IReadOnlyDictionary<string, string> environmentOverrides, CancellationToken cancellationToken);
}
