using System.Globalization;

namespace RancherHaproxy.Discovery;

/// <summary>A chunked body (Transfer-Encoding: chunked), as Go's server sends large answers.</summary>
internal sealed class ChunkedReadStream(Stream inner) : ReadOnlyStream(inner)
{
    private readonly int[] _lineBudget = [64 * 1024];
    private long _chunkRemaining;
    private bool _finished;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_finished || buffer.Length == 0)
        {
            return 0;
        }

        if (_chunkRemaining == 0)
        {
            _chunkRemaining = await ReadChunkSizeAsync(cancellationToken).ConfigureAwait(false);
            if (_chunkRemaining == 0)
            {
                _finished = true;
                return 0;
            }
        }

        var read = await Inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, _chunkRemaining)], cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            throw new IOException("the connection closed in the middle of a chunk");
        }

        _chunkRemaining -= read;
        if (_chunkRemaining == 0)
        {
            await HttpLines.ReadAsync(Inner, _lineBudget, cancellationToken).ConfigureAwait(false);
            _lineBudget[0] = 64 * 1024;
        }

        return read;
    }

    private async Task<long> ReadChunkSizeAsync(CancellationToken cancellationToken)
    {
        var line = await HttpLines.ReadAsync(Inner, _lineBudget, cancellationToken).ConfigureAwait(false);
        _lineBudget[0] = 64 * 1024;
        var size = line.Split(';', 2)[0].Trim();
        if (!long.TryParse(size, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var bytes) || bytes < 0)
        {
            throw new IOException($"bad chunk size '{size}'");
        }

        return bytes;
    }
}
