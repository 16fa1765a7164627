using System.Text.Json;
using RancherHaproxy.Pages;

namespace RancherHaproxy.Operations;

/// <summary>
/// <c>/status</c> (schema 1), property by property with <see cref="Utf8JsonWriter"/> in the documented
/// order. Times are UTC to the second. Nothing here is a secret: error messages name URLs and files.
/// </summary>
internal static class StatusJson
{
    public const int Schema = 1;

    public static byte[] Write(HealthView view, HealthOptions options)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(options);
        var snapshot = view.Snapshot;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("schema", Schema);
            writer.WriteString("version", options.Version);
            writer.WriteString("haproxy_version", snapshot.HaproxyVersion);
            writer.WriteBoolean("ready", HealthChecks.NotReady(view) is null);
            writer.WriteBoolean("healthy", HealthChecks.Unhealthy(view, options.StallAfter) is null);
            writer.WriteString("started_at", PageTime.Format(snapshot.StartedAt));
            WriteLastRead(writer, snapshot.LastRead);
            WriteLastApply(writer, snapshot.LastApply);
            WriteMetadata(writer, snapshot);
            WriteCounts(writer, snapshot.Routes);
            writer.WriteNumber("reloads", view.Counters.ReloadsOk());
            writer.WriteNumber("runtime_applies", view.RuntimeApplies);
            WriteLastError(writer, snapshot.LastError);
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static void WriteLastRead(Utf8JsonWriter writer, ReadMark? read)
    {
        if (read is null)
        {
            writer.WriteNull("last_read");
            return;
        }

        writer.WriteStartObject("last_read");
        writer.WriteString("at", PageTime.Format(read.At));
        writer.WriteString("source_version", read.SourceVersion);
        writer.WriteEndObject();
    }

    private static void WriteLastApply(Utf8JsonWriter writer, ApplyMark? apply)
    {
        if (apply is null)
        {
            writer.WriteNull("last_apply");
            return;
        }

        writer.WriteStartObject("last_apply");
        writer.WriteString("at", PageTime.Format(apply.At));
        writer.WriteString("source_version", apply.SourceVersion);
        writer.WriteBoolean("reload", apply.Reload);
        writer.WriteNumber("duration_ms", apply.DurationMs);
        writer.WriteEndObject();
    }

    private static void WriteMetadata(Utf8JsonWriter writer, OperationsSnapshot snapshot)
    {
        writer.WriteStartObject("metadata");
        writer.WriteBoolean("reachable", snapshot.MetadataReachable);
        if (snapshot.UnreachableSince is { } since)
        {
            writer.WriteString("unreachable_since", PageTime.Format(since));
        }
        else
        {
            writer.WriteNull("unreachable_since");
        }

        writer.WriteString("last_error", snapshot.MetadataError);
        writer.WriteEndObject();
    }

    private static void WriteCounts(Utf8JsonWriter writer, RoutesFacts routes)
    {
        writer.WriteStartObject("counts");
        writer.WriteNumber("stacks", routes.Stacks);
        writer.WriteNumber("servers", routes.Servers);
        writer.WriteNumber("hosts", routes.Hosts);
        writer.WriteStartObject("skipped");
        writer.WriteNumber("starting", routes.Skipped.Starting);
        writer.WriteNumber("stopped", routes.Skipped.Stopped);
        writer.WriteNumber("unhealthy", routes.Skipped.Unhealthy);
        writer.WriteNumber("no_ip", routes.Skipped.NoIp);
        writer.WriteNumber("bad_label", routes.Skipped.BadLabel);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteLastError(Utf8JsonWriter writer, ErrorMark? error)
    {
        if (error is null)
        {
            writer.WriteNull("last_error");
            return;
        }

        writer.WriteStartObject("last_error");
        writer.WriteString("at", PageTime.Format(error.At));
        writer.WriteString("message", error.Message);
        writer.WriteEndObject();
    }
}
