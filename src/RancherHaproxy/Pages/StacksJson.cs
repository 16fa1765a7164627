using System.Text.Json;
using RancherHaproxy.Routing;

namespace RancherHaproxy.Pages;

/// <summary>
/// <c>/stacks.json</c> (schema 1), written property by property with <see cref="Utf8JsonWriter"/>: no
/// reflection, and the order of the properties is the spec's. The default encoder escapes
/// <c>&lt; &gt; &amp; ' "</c> in label values, so the document is safe to embed anywhere.
/// </summary>
internal static class StacksJson
{
    public const int Schema = 1;

    public static PageResponse Render(PageModel model) =>
        new(200, PageResponse.Json, [PageResponse.NoStore], Write(model));

    public static byte[] Write(PageModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("schema", Schema);
            writer.WriteString("generated_at", PageTime.Format(model.GeneratedAt));
            writer.WriteBoolean("loaded", model.Loaded);
            writer.WriteStartArray("stacks");
            foreach (var stack in StackOrder.NewestFirst(model.Stacks))
            {
                WriteStack(writer, stack);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static void WriteStack(Utf8JsonWriter writer, StackPage stack)
    {
        writer.WriteStartObject();
        writer.WriteString("name", stack.Name);
        writer.WriteBoolean("ready", stack.Ready);
        writer.WriteString("first_seen", PageTime.Format(stack.FirstSeen));
        writer.WriteStartArray("hosts");
        foreach (var host in stack.Hosts)
        {
            writer.WriteStartObject();
            writer.WriteString("host", host.Host);
            writer.WriteString("url", host.Url);
            writer.WriteBoolean("ready", host.Ready);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        WriteCounts(writer, stack.Containers);
        writer.WriteStartObject("labels");
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in stack.Labels)
        {
            // A JSON object holds a key once; the model should not repeat one, but the first wins if it does.
            if (written.Add(key))
            {
                writer.WriteString(key, value);
            }
        }

        writer.WriteEndObject();

        // Added after schema 1's first fields: a field is only ever appended.
        writer.WriteBoolean("protected", stack.Protected);
        writer.WriteEndObject();
    }

    private static void WriteCounts(Utf8JsonWriter writer, ContainerCounts counts)
    {
        writer.WriteStartObject("containers");
        writer.WriteNumber("total", counts.Total);
        writer.WriteNumber("ready", counts.Ready);
        writer.WriteNumber("starting", counts.Starting);
        writer.WriteNumber("stopped", counts.Stopped);
        writer.WriteNumber("unhealthy", counts.Unhealthy);
        writer.WriteNumber("no_ip", counts.NoIp);
        writer.WriteNumber("bad_label", counts.BadLabel);
        writer.WriteEndObject();
    }
}
