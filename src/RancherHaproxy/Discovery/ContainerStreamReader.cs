using System.Buffers;
using System.Text.Json;
using RancherHaproxy.Discovery.Dto;

namespace RancherHaproxy.Discovery;

/// <summary>
/// Reads a /containers answer (a JSON array of containers, or null) from a stream in one pass:
/// the bytes go from the stream into one pooled buffer and straight to <see cref="Utf8JsonReader"/>,
/// each container is read by <see cref="ContainerFields"/> as soon as it is whole in the buffer, and
/// a container cut by the buffer's end is read again, from its start, once more bytes are in (at
/// most one per buffer). The serializer instead scans each element twice (once to find its end,
/// once to read it) and through more layers; this reads ~1.5 KB containers at several hundred MB/s.
/// Invalid JSON, a wrong type anywhere, or an answer that ends early throw <see cref="JsonException"/>.
/// </summary>
internal sealed class ContainerStreamReader(ContainerFields fields)
{
    /// <summary>The buffer a read starts with; it doubles when one container does not fit.</summary>
    public const int InitialBufferBytes = 128 * 1024;

    private enum Position
    {
        BeforeList,
        InList,
        AfterList,
    }

    public Task<List<ContainerDto>> ReadAsync(Stream stream, CancellationToken cancellationToken) =>
        ReadAsync(stream, times: null, cancellationToken);

    /// <summary>As <see cref="ReadAsync(Stream, CancellationToken)"/>; <paramref name="times"/> learns the bytes read and the time spent waiting for them.</summary>
    public async Task<List<ContainerDto>> ReadAsync(Stream stream, StreamReadTimes? times, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBufferBytes);
        try
        {
            var walk = new Walk();
            var (start, end, final) = (0, 0, false);
            while (true)
            {
                start += ReadWhole(buffer.AsSpan(start, end - start), final, walk);
                if (final)
                {
                    // The reader has thrown on anything but white space after the list.
                    return walk.Position == Position.AfterList ? walk.Containers : throw new JsonException("the answer ends early");
                }

                (buffer, start, end) = Compact(buffer, start, end);
                var startedAt = times?.Now() ?? 0;
                var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
                times?.Read(startedAt, read);
                final = read == 0;
                end += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Moves what is left to the front; a full buffer (one container larger than it) doubles.</summary>
    private static (byte[] Buffer, int Start, int End) Compact(byte[] buffer, int start, int end)
    {
        var left = end - start;
        if (start == 0 && end == buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
            buffer.AsSpan(0, left).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(buffer);
            return (larger, 0, left);
        }

        buffer.AsSpan(start, left).CopyTo(buffer);
        return (buffer, 0, left);
    }

    /// <summary>Reads every whole token and container in <paramref name="data"/>; how many bytes they took.</summary>
    private int ReadWhole(ReadOnlySpan<byte> data, bool final, Walk walk)
    {
        var reader = new Utf8JsonReader(data, final, walk.State);
        var consumed = 0;
        while (true)
        {
            var before = reader;
            if (!reader.Read() || !TryTake(ref reader, walk))
            {
                reader = before;
                break;
            }

            consumed = (int)reader.BytesConsumed;
        }

        walk.State = reader.CurrentState;
        return consumed;
    }

    /// <summary>The token under the reader (a container read whole); false when the data ends inside it.</summary>
    private bool TryTake(ref Utf8JsonReader reader, Walk walk)
    {
        switch (walk.Position)
        {
            case Position.BeforeList when reader.TokenType == JsonTokenType.StartArray:
                walk.Position = Position.InList;
                return true;
            case Position.BeforeList when reader.TokenType == JsonTokenType.Null:
                walk.Position = Position.AfterList; // the service's answer for no containers
                return true;
            case Position.BeforeList:
                throw new JsonException($"the answer is {ContainerFields.Describe(reader.TokenType)}, not a list of containers");
            case Position.InList when reader.TokenType == JsonTokenType.EndArray:
                walk.Position = Position.AfterList;
                return true;
            case Position.InList when reader.TokenType == JsonTokenType.Null:
                return true; // a null element: nothing to route
            case Position.InList when reader.TokenType == JsonTokenType.StartObject:
                if (!fields.TryRead(ref reader, out var container))
                {
                    return false;
                }

                walk.Containers.Add(container!);
                return true;
            case Position.InList:
                throw new JsonException($"a container is {ContainerFields.Describe(reader.TokenType)}, not an object");
            default:
                throw new JsonException("more after the list of containers");
        }
    }

    /// <summary>Where a read is: between buffers, what the reader needs to go on.</summary>
    private sealed class Walk
    {
        /// <summary>What the generated contract accepts (MetadataJsonContext): comments skipped, trailing commas allowed.</summary>
        public JsonReaderState State { get; set; } = new(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });

        public Position Position { get; set; }

        public List<ContainerDto> Containers { get; } = [];
    }
}
