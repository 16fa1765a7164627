namespace RancherHaproxy.Tests.EndToEnd;

/// <summary>
/// Every test that starts the daemon belongs to one of these two collections: xunit runs the tests
/// of a collection one after another and collections side by side, so at most two daemons (each with
/// its HAProxy) run at once on this two-core machine, however many threads xunit has.
/// </summary>
internal static class EndToEndCollections
{
    public const string First = "End to end (first daemon slot)";
    public const string Second = "End to end (second daemon slot)";
}
