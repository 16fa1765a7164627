using System.Text;

namespace RancherHaproxy.Discovery;

/// <summary>Reads CRLF-terminated ASCII lines (status line, headers, chunk sizes) from a buffered stream.</summary>
internal static class HttpLines
{
    /// <param name="budget">Bytes still allowed for the whole head; a longer head is refused.</param>
    public static async Task<string> ReadAsync(Stream stream, int[] budget, CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        var buffer = new byte[1];
        while (true)
        {
            if (await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false) == 0)
            {
                throw new EndOfStreamException("the connection closed in the middle of the answer");
            }

            if (--budget[0] < 0)
            {
                throw new IOException("the answer's head is too long");
            }

            switch ((char)buffer[0])
            {
                case '\n':
                    return line.ToString().TrimEnd('\r');
                default:
                    line.Append((char)buffer[0]);
                    break;
            }
        }
    }
}
