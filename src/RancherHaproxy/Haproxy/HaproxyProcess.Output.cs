using RancherHaproxy.Logging;

namespace RancherHaproxy.Haproxy;

internal sealed partial class HaproxyProcess
{
    /// <summary>Forwards every line of <paramref name="reader"/> until its end (every writer has closed the pipe).</summary>
    private async Task ForwardLinesAsync(StreamReader reader)
    {
        using (reader)
        {
            try
            {
                while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
                {
                    Forward(line);
                }
            }
            catch (Exception exception) when (exception is IOException or ObjectDisposedException)
            {
                // Disposed while a worker still holds the pipe: the lines that matter have been read.
            }
        }
    }

    private void Forward(string line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        Output.Add(line);
        if (HaproxyNotice.IsLogCopy(line))
        {
            // Its [WARNING] twin from stderr is forwarded: one line per event.
            return;
        }

        var text = HaproxyOutputLine.WithoutTag(line);
        switch (_notices.LevelOf(line))
        {
            case LogLevel.Error:
                _outputLogger.Error(text);
                break;
            case LogLevel.Warn:
                _outputLogger.Warn(text);
                break;
            default:
                _outputLogger.Info(text);
                break;
        }
    }
}
