namespace RancherHaproxy.Discovery;

/// <summary>A body of Content-Length bytes: ends there, and fails if the connection ends first.</summary>
internal sealed class ContentLengthReadStream(Stream inner, long length) : ReadOnlyStream(inner)
{
    private long _remaining = length;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_remaining == 0 || buffer.Length == 0)
        {
            return 0;
        }

        var read = await Inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, _remaining)], cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            throw new IOException($"the connection closed {_remaining} bytes before the end of the answer");
        }

        _remaining -= read;
        return read;
    }
}
