using System.Buffers;
using System.IO.Hashing;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Json;
using RancherHaproxy.Discovery.Dto;

namespace RancherHaproxy.Discovery;

/// <summary>
/// Reads a /containers answer (a JSON array of containers, or null) from a stream in one pass, into
/// one pooled buffer. The list itself (white space, comments, commas, nulls) is walked here; each
/// container is first delimited by a scan for its closing brace (strings and escapes respected) and
/// looked up by its bytes' 128-bit hash among the previous answer's containers: an unchanged one is
/// that same <see cref="ContainerDto"/> again, without a token read or a string allocated. Most of
/// an answer is unchanged (the service has no incremental API: one change costs one full answer).
/// Any other container is read by <see cref="ContainerFields"/> with <see cref="Utf8JsonReader"/>
/// from its first byte, which validates it whole; only bytes it validated are ever remembered, so a
/// scan fooled by invalid JSON finds nothing and the reader refuses it. A container cut by the
/// buffer's end is delimited again once more bytes are in (at most one per buffer).
/// Invalid JSON, a wrong type anywhere, or an answer that ends early throw <see cref="JsonException"/>,
/// and the remembered containers stay those of the last answer read whole.
/// </summary>
internal sealed class ContainerStreamReader(ContainerFields fields)
{
    /// <summary>The buffer a read starts with; it doubles when one container does not fit.</summary>
    public const int InitialBufferBytes = 128 * 1024;

    /// <summary>
    /// What the generated contract accepts (MetadataJsonContext): comments skipped, trailing commas
    /// allowed, 64 levels counting the list's own (a container's reader starts inside it).
    /// </summary>
    private static readonly JsonReaderOptions ContainerOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 63 };

    private static readonly JsonReaderOptions ListOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>The last answer read whole: each container by its bytes.</summary>
    private volatile Dictionary<ElementKey, ContainerDto> _known = [];

    private enum Position
    {
        BeforeList,
        ListStart,
        AfterValue,
        AfterComma,
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
            var walk = new Walk(_known);
            var (start, end, final) = (0, 0, false);
            while (true)
            {
                start += ReadWhole(buffer.AsSpan(start, end - start), final, walk);
                if (final)
                {
                    if (walk.Position != Position.AfterList)
                    {
                        throw new JsonException("the answer ends early");
                    }

                    _known = walk.Seen;
                    return walk.Containers;
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

    /// <summary>Walks every whole piece of the list in <paramref name="data"/>; how many bytes they took.</summary>
    private int ReadWhole(ReadOnlySpan<byte> data, bool final, Walk walk)
    {
        var position = 0;
        while (true)
        {
            var next = SkipSpace(data, position, final);
            if (next < 0 || next == data.Length)
            {
                // A comment not yet whole, or nothing left: the next read brings more (or the end).
                return next < 0 ? position : next;
            }

            var taken = Take(data[next..], final, walk);
            if (taken == 0)
            {
                return next;
            }

            position = next + taken;
        }
    }

    /// <summary>The piece that starts <paramref name="data"/>: its length, or 0 when it does not end within it.</summary>
    private int Take(ReadOnlySpan<byte> data, bool final, Walk walk)
    {
        var first = data[0];
        switch (walk.Position)
        {
            case Position.BeforeList:
                return TakeList(data, final, walk);
            case Position.ListStart or Position.AfterComma when first == (byte)']':
                walk.Position = Position.AfterList; // an empty list, or a trailing comma
                return 1;
            case Position.ListStart or Position.AfterComma when first == (byte)'{':
                return TakeContainer(data, final, walk);
            case Position.ListStart or Position.AfterComma:
                return TakeOther(data, final, walk);
            case Position.AfterValue when first == (byte)',':
                walk.Position = Position.AfterComma;
                return 1;
            case Position.AfterValue when first == (byte)']':
                walk.Position = Position.AfterList;
                return 1;
            case Position.AfterValue:
                throw new JsonException($"{Describe(first)} after a container, not ',' or ']'");
            default:
                throw new JsonException("more after the list of containers");
        }
    }

    /// <summary>The answer's first token: a list, or null (the service's answer for no containers).</summary>
    private static int TakeList(ReadOnlySpan<byte> data, bool final, Walk walk)
    {
        var reader = new Utf8JsonReader(data, final, new JsonReaderState(ListOptions));
        if (!reader.Read())
        {
            return 0;
        }

        walk.Position = reader.TokenType switch
        {
            JsonTokenType.StartArray => Position.ListStart,
            JsonTokenType.Null => Position.AfterList,
            _ => throw new JsonException($"the answer is {ContainerFields.Describe(reader.TokenType)}, not a list of containers"),
        };
        return (int)reader.BytesConsumed;
    }

    /// <summary>An element that is not an object: null is nothing to route, anything else is refused.</summary>
    private static int TakeOther(ReadOnlySpan<byte> data, bool final, Walk walk)
    {
        var reader = new Utf8JsonReader(data, final, new JsonReaderState(ContainerOptions));
        if (!reader.Read())
        {
            return 0;
        }

        if (reader.TokenType != JsonTokenType.Null)
        {
            throw new JsonException($"a container is {ContainerFields.Describe(reader.TokenType)}, not an object");
        }

        walk.Position = Position.AfterValue;
        return (int)reader.BytesConsumed;
    }

    /// <summary>A container: the last answer's when its bytes are the same, else read and validated.</summary>
    private int TakeContainer(ReadOnlySpan<byte> data, bool final, Walk walk)
    {
        var length = ObjectLength(data);
        if (length > 0 && ElementKey.Of(data[..length]) is var key && walk.Known.TryGetValue(key, out var known))
        {
            walk.Add(key, known);
            return length;
        }

        if (length == 0 && !final)
        {
            return 0; // not whole yet (or not valid: the reader says which once all is in)
        }

        var reader = new Utf8JsonReader(data, final, new JsonReaderState(ContainerOptions));
        reader.Read();
        if (!fields.TryRead(ref reader, out var container))
        {
            return 0;
        }

        var read = (int)reader.BytesConsumed;
        walk.Add(ElementKey.Of(data[..read]), container!);
        return read;
    }

    /// <summary>
    /// Where the object that starts <paramref name="data"/> ends, by its braces outside strings: its
    /// length, 0 when the data ends first, -1 on a comment (the reader delimits that one). Exact for
    /// valid JSON without comments; on anything else it only decides which bytes are looked up.
    /// 64 bytes at a time without a backslash in them: bit masks of the quotes and braces, the
    /// inside of strings as the running parity of the quotes before each byte, and only the braces
    /// outside strings counted (one per bit, and only in a block that closes one). A block with a
    /// backslash is walked byte by byte.
    /// </summary>
    private static int ObjectLength(ReadOnlySpan<byte> data)
    {
        var scan = new ObjectScan();
        var at = 0;
        while (at + 64 <= data.Length)
        {
            var block = data.Slice(at, 64);
            var found = block.Contains((byte)'\\') ? scan.Bytes(data, ref at, at + 64) : scan.Block(block, ref at);
            if (found != 0)
            {
                return found;
            }
        }

        return scan.Bytes(data, ref at, data.Length);
    }

    /// <summary>A scan for an object's end: its depth, and whether it is inside a string.</summary>
    private struct ObjectScan
    {
        private int _depth;

        /// <summary>All ones while inside a string (the mask that carries over between blocks).</summary>
        private ulong _inString;

        /// <summary>Bytes [<paramref name="at"/>, <paramref name="end"/>) (an escape may take it one past): the length when the object ends, -1 on a comment, else 0.</summary>
        public int Bytes(ReadOnlySpan<byte> data, ref int at, int end)
        {
            while (at < end)
            {
                var value = data[at++];
                if (_inString != 0)
                {
                    if (value == (byte)'\\')
                    {
                        at++;
                    }
                    else if (value == (byte)'"')
                    {
                        _inString = 0;
                    }
                }
                else if (value == (byte)'"')
                {
                    _inString = ulong.MaxValue;
                }
                else if (value == (byte)'{')
                {
                    _depth++;
                }
                else if (value == (byte)'}' && --_depth == 0)
                {
                    return at;
                }
                else if (value == (byte)'/')
                {
                    return -1;
                }
            }

            return 0;
        }

        /// <summary>64 bytes without a backslash at <paramref name="at"/>; as <see cref="Bytes"/>.</summary>
        public int Block(ReadOnlySpan<byte> block, ref int at)
        {
            ref var first = ref MemoryMarshal.GetReference(block);
            var bytes = (Vector128.LoadUnsafe(ref first), Vector128.LoadUnsafe(ref first, 16), Vector128.LoadUnsafe(ref first, 32), Vector128.LoadUnsafe(ref first, 48));
            var quotes = Mask(bytes, (byte)'"');
            var opens = Mask(bytes, (byte)'{');
            var closes = Mask(bytes, (byte)'}');
            var slashes = Mask(bytes, (byte)'/');

            // Bit i: an odd number of quotes at or before i, so inside a string (its opening quote
            // included, its closing one not).
            var inside = quotes;
            inside ^= inside << 1;
            inside ^= inside << 2;
            inside ^= inside << 4;
            inside ^= inside << 8;
            inside ^= inside << 16;
            inside ^= inside << 32;
            inside ^= _inString;
            _inString = (ulong)((long)inside >> 63);

            var start = at;
            at += 64;
            opens &= ~inside;
            closes &= ~inside;
            slashes &= ~inside;
            if ((closes | slashes) == 0)
            {
                _depth += BitOperations.PopCount(opens);
                return 0;
            }

            for (var marks = opens | closes | slashes; marks != 0; marks &= marks - 1)
            {
                var bit = marks & (0 - marks);
                if ((opens & bit) != 0)
                {
                    _depth++;
                }
                else if ((slashes & bit) != 0)
                {
                    return -1;
                }
                else if (--_depth == 0)
                {
                    return start + BitOperations.TrailingZeroCount(bit) + 1;
                }
            }

            return 0;
        }

        /// <summary>Bit i set where byte i of the 64 is <paramref name="value"/>.</summary>
        private static ulong Mask((Vector128<byte> A, Vector128<byte> B, Vector128<byte> C, Vector128<byte> D) bytes, byte value)
        {
            var wanted = Vector128.Create(value);
            return Vector128.Equals(bytes.A, wanted).ExtractMostSignificantBits()
                | ((ulong)Vector128.Equals(bytes.B, wanted).ExtractMostSignificantBits() << 16)
                | ((ulong)Vector128.Equals(bytes.C, wanted).ExtractMostSignificantBits() << 32)
                | ((ulong)Vector128.Equals(bytes.D, wanted).ExtractMostSignificantBits() << 48);
        }
    }

    /// <summary>
    /// Past white space and comments from <paramref name="at"/> (as the reader skips them between
    /// tokens); -1 when a comment is not whole within the data yet.
    /// </summary>
    private static int SkipSpace(ReadOnlySpan<byte> data, int at, bool final)
    {
        while (at < data.Length)
        {
            switch (data[at])
            {
                case (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r':
                    at++;
                    break;
                case (byte)'/' when at + 1 == data.Length:
                    return final ? throw new JsonException("the answer ends inside a comment") : -1;
                case (byte)'/' when data[at + 1] == (byte)'/':
                    var line = data[(at + 2)..].IndexOfAny((byte)'\n', (byte)'\r');
                    if (line < 0)
                    {
                        return final ? data.Length : -1;
                    }

                    at += 2 + line;
                    break;
                case (byte)'/' when data[at + 1] == (byte)'*':
                    var close = data[(at + 2)..].IndexOf("*/"u8);
                    if (close < 0)
                    {
                        return final ? throw new JsonException("the answer ends inside a comment") : -1;
                    }

                    at += 4 + close;
                    break;
                case (byte)'/':
                    throw new JsonException("'/' that starts no comment");
                default:
                    return at;
            }
        }

        return at;
    }

    private static string Describe(byte value) =>
        value is >= 0x21 and < 0x7f ? $"'{(char)value}'" : $"byte 0x{value:x2}";

    /// <summary>A container's bytes, by their length and 128-bit hash (an accidental match is a 2^-128 event).</summary>
    private readonly record struct ElementKey(UInt128 Hash, int Length)
    {
        public static ElementKey Of(ReadOnlySpan<byte> bytes) => new(XxHash128.HashToUInt128(bytes), bytes.Length);
    }

    /// <summary>Where a read is: between buffers, what the walk needs to go on.</summary>
    private sealed class Walk(Dictionary<ElementKey, ContainerDto> known)
    {
        public Dictionary<ElementKey, ContainerDto> Known { get; } = known;

        /// <summary>This answer's containers by their bytes: what the next read looks up.</summary>
        public Dictionary<ElementKey, ContainerDto> Seen { get; } = new(known.Count);

        public Position Position { get; set; }

        public List<ContainerDto> Containers { get; } = [];

        public void Add(ElementKey key, ContainerDto container)
        {
            Seen.TryAdd(key, container);
            Containers.Add(container);
            Position = Position.AfterValue;
        }
    }
}
