namespace RancherHaproxy.Pages;

/// <summary>The index's order, whatever order the model came in: newest first seen first, then name (ordinal).</summary>
internal static class StackOrder
{
    public static IReadOnlyList<StackPage> NewestFirst(IReadOnlyList<StackPage> stacks) =>
        [.. stacks.OrderByDescending(stack => stack.FirstSeen).ThenBy(stack => stack.Name, StringComparer.Ordinal)];
}
