using RancherHaproxy.Logging;

namespace RancherHaproxy.Tests.TestSupport;

/// <summary>Loggers for components under test: one that drops every line, one that keeps them to read.</summary>
internal static class TestLogger
{
    public static Logger Discarding { get; } = new(new LogSink(TextWriter.Null, LogLevel.Debug, TimeProvider.System), "test");

    /// <summary>A logger for <paramref name="component"/> whose lines <paramref name="lines"/> holds, written from any thread.</summary>
    public static Logger Capturing(string component, out Func<IReadOnlyList<string>> lines)
    {
        var writer = new StringWriter();
        var synchronized = TextWriter.Synchronized(writer);
        lines = () =>
        {
            lock (synchronized)
            {
                return writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            }
        };
        return new Logger(new LogSink(synchronized, LogLevel.Debug, TimeProvider.System), component);
    }
}
