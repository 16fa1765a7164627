using System.Globalization;
using System.Text;

namespace RancherHaproxy.Routing;

/// <summary>
/// Backend names: `stack_&lt;stack in lower case&gt;`. Stacks whose names differ only by case would
/// share that name, so each of them gets a suffix from a hash of its exact name: distinct, and
/// the same every time for the same stacks.
/// </summary>
internal static class BackendNames
{
    public const string Prefix = "stack_";

    /// <summary>Spare backends are named this plus a number: empty, ready to take a new stack at run time.</summary>
    public const string SparePrefix = "spare_";

    /// <summary>The names of <paramref name="count"/> spare backends, in order.</summary>
    public static IReadOnlyList<string> Spares(int count) =>
        Enumerable.Range(0, count).Select(index => SparePrefix + index.ToString("D3", CultureInfo.InvariantCulture)).ToList();

    public static Dictionary<string, string> Assign(IReadOnlyList<string> stacks)
    {
        var lower = stacks.Select(stack => stack.ToLowerInvariant()).ToList();
        var names = Assign(stacks, lower, lower.ConvertAll(name => Prefix + name));
        var byStack = new Dictionary<string, string>(stacks.Count, StringComparer.Ordinal);
        for (var index = 0; index < names.Length; index++)
        {
            byStack[stacks[index]] = names[index];
        }

        return byStack;
    }

    /// <summary>As <see cref="Assign(IReadOnlyList{string})"/>, by position, from each stack's name in lower case and its plain backend name (<see cref="Prefix"/> and that), computed once per stack by the caller.</summary>
    public static string[] Assign(IReadOnlyList<string> stacks, IReadOnlyList<string> lower, IReadOnlyList<string> plain)
    {
        var sharing = new Dictionary<string, int>(stacks.Count, StringComparer.Ordinal);
        for (var index = 0; index < lower.Count; index++)
        {
            ref var count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(sharing, lower[index], out _);
            count++;
        }

        var names = new string[stacks.Count];
        for (var index = 0; index < names.Length; index++)
        {
            names[index] = sharing[lower[index]] == 1 ? plain[index] : $"{Prefix}{lower[index]}_{Fnv1a(stacks[index]):x8}";
        }

        return names;
    }

    private static uint Fnv1a(string value)
    {
        var hash = 2166136261u;
        foreach (var octet in Encoding.UTF8.GetBytes(value))
        {
            hash = unchecked((hash ^ octet) * 16777619u);
        }

        return hash;
    }
}
