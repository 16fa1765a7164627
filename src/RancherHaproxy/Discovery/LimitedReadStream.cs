namespace RancherHaproxy.Discovery;

/// <summary>A read-only view of a stream that fails once more than a limit has been read.</summary>
internal sealed class LimitedReadStream(Stream inner, long limit) : ReadOnlyStream(inner)
{
    private long _read;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await Inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        _read += read;
        if (_read > limit)
        {
            throw new IOException(limit >= 1024 * 1024
                ? $"the answer is larger than {limit / (1024 * 1024)} MiB"
                : $"the answer is larger than {limit} bytes");
        }

        return read;
    }
}
