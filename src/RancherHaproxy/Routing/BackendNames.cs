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

    /// <summary>
    /// Each stack's backend name, by position: its plain name (<see cref="Prefix"/> and the name in
    /// lower case) unless another stack's name is the same in lower case. The lower-case and plain
    /// names come from the caller, which keeps them per stack.
    /// </summary>
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
