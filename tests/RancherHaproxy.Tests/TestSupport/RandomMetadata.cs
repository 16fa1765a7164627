using System.Globalization;
using RancherHaproxy.Discovery;
using RancherHaproxy.Discovery.Dto;

namespace RancherHaproxy.Tests.TestSupport;

/// <summary>
/// Seeded random metadata for property tests: mostly plausible values, with hostile strings (newlines,
/// '#', '%[', quotes, backslashes, spaces, control and non-ASCII characters) in every field.
/// The same seed always gives the same containers.
/// </summary>
internal sealed class RandomMetadata(int seed)
{
    private static readonly string[] Hostile =
    [
        "", " ", "\n", "\r\n", "\t", "\0", "#", "#x", "%[src]", "%[req.hdr(host)]", "\"", "'", "\\", "a b", "x\ny",
        "$HOME", "${HTTP_PORT}", "é", "ß", "\u2028", ";", "{", "}", "-", "_", ".", "..", "backup", "check",
        "10.0.0.1 backup", "send-proxy check", "80 backup", "web\n    server evil 6.6.6.6:80",
        new string('a', 64), new string('b', 300),
    ];

    private static readonly string[] Stacks = ["shop", "Shop", "SHOP", "blog", "a", "x-1", "api"];
    private static readonly string[] Services = ["web", "api", "a_b", "a", "b", "web#1", "my service", "x%[y]"];
    private static readonly string[] Uuids = ["c-1", "c-2", "c-3", "c-4", "c-5", "a_b", "b_c", "c", "b", "C-1"];
    private static readonly string[] States = ["running", "running", "running", "updating-running", "stopped", "starting"];
    private static readonly string[] Healths = ["healthy", "healthy", "updating-healthy", "unhealthy", "initializing"];
    private static readonly string[] ProxyKeywords = ["send-proxy", "send-proxy-v2", "send-proxy-v2-ssl", "send-proxy-v2-ssl-cn"];
    private static readonly string[] BadIps = ["1", "10.0.0.1 backup", "999.1.1.1", "fe80::1%eth0", "10.0.0.1\n", "localhost"];
    private static readonly string[] AliasNames = ["www", "store", "api.v2", "Blog", "shop", "bad alias", "x\n", "*.x", "%[src]"];
    private static readonly char[] Alphabet = "abcXYZ019-_.:/ \n\r\t#%[]\"'\\$;{}é\u0000".ToCharArray();

    private readonly Random _random = new(seed);

    public List<ContainerDto> Containers()
    {
        var containers = new List<ContainerDto>();
        var count = _random.Next(0, 30);
        for (var index = 0; index < count; index++)
        {
            containers.Add(Container());
        }

        return containers;
    }

    public ServiceMetadata Service()
    {
        var aliases = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var count = _random.Next(0, 4);
        for (var index = 0; index < count; index++)
        {
            aliases[Pick(Stacks, Hostile, 0.2)] = Enumerable.Range(0, _random.Next(0, 4)).Select(_ => Pick(AliasNames, Hostile, 0.3)).ToList();
        }

        return ServiceMetadata.Empty with { Aliases = aliases };
    }

    private ContainerDto Container()
    {
        var stack = PickOrNull(Stacks, 0.15);
        var labels = Chance(0.05) ? null : new Dictionary<string, string?>(StringComparer.Ordinal);
        if (labels is not null)
        {
            if (Chance(0.9))
            {
                labels[TestSupport.Containers.PortLabel] = Chance(0.75) ? Number(1, 65535) : Pick(["0", "65536", "80a", " 80", "+80", "080"], Hostile, 0.5);
            }

            if (Chance(0.4))
            {
                labels[TestSupport.Containers.ProxyLabel] = Pick(ProxyKeywords, Hostile, 0.3);
            }

            labels[RandomString()] = RandomString();
            labels["io.rancher.stack.name"] = stack;
        }

        return new ContainerDto
        {
            Uuid = PickOrNull(Uuids, 0.2),
            Name = PickOrNull(["shop-web-1", "standalone"], 0.5),
            PrimaryIp = Chance(0.8) ? Address() : PickOrNull(BadIps, 0.4),
            State = PickOrNull(States, 0.1),
            HealthState = Chance(0.3) ? null : PickOrNull(Healths, 0.1),
            StackName = stack,
            ServiceName = PickOrNull(Services, 0.2),
            Labels = labels,
        };
    }

    private string Address() => Chance(0.85)
        ? string.Create(CultureInfo.InvariantCulture, $"10.{_random.Next(256)}.{_random.Next(256)}.{_random.Next(256)}")
        : string.Create(CultureInfo.InvariantCulture, $"fd00::{_random.Next(1, 0xffff):x}");

    private string Number(int minimum, int maximum) => _random.Next(minimum, maximum + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>A value from the plausible pool, or (with <paramref name="hostileChance"/>) null, a hostile or a random string.</summary>
    private string? PickOrNull(string[] plausible, double hostileChance) => Chance(hostileChance * 0.2) ? null : Pick(plausible, Hostile, hostileChance);

    private string Pick(string[] plausible, string[] hostile, double hostileChance)
    {
        if (!Chance(hostileChance))
        {
            return plausible[_random.Next(plausible.Length)];
        }

        return Chance(0.5) ? hostile[_random.Next(hostile.Length)] : plausible[_random.Next(plausible.Length)] + RandomString();
    }

    private string RandomString() =>
        new(Enumerable.Range(0, _random.Next(1, 12)).Select(_ => Alphabet[_random.Next(Alphabet.Length)]).ToArray());

    private bool Chance(double probability) => _random.NextDouble() < probability;
}
