namespace RancherHaproxy.Bench;

/// <summary>wrk on the "load" stack across the CONSOLIDATE_AFTER reload, and when and how that reload came.</summary>
internal sealed record ConsolidationRun(
    TimeSpan After, long Requests, long Failed, int Reloads, string Spares, TimeSpan FromStart, TimeSpan FromLastChange, bool StillAnswering);
