namespace RancherHaproxy.Logging;

/// <summary>A component's view of the shared <see cref="LogSink"/>.</summary>
internal sealed class Logger(LogSink sink, string component)
{
    public string Component { get; } = component;

    public Logger ForComponent(string name) => new(sink, name);

    /// <summary>Whether a line at <paramref name="level"/> is written: fields costly to gather are gathered only then.</summary>
    public bool IsEnabled(LogLevel level) => level >= sink.MinimumLevel;

    public void Debug(string message, params ReadOnlySpan<(string Key, object? Value)> fields) =>
        sink.Write(LogLevel.Debug, Component, message, fields);

    public void Info(string message, params ReadOnlySpan<(string Key, object? Value)> fields) =>
        sink.Write(LogLevel.Info, Component, message, fields);

    public void Warn(string message, params ReadOnlySpan<(string Key, object? Value)> fields) =>
        sink.Write(LogLevel.Warn, Component, message, fields);

    public void Error(string message, params ReadOnlySpan<(string Key, object? Value)> fields) =>
        sink.Write(LogLevel.Error, Component, message, fields);
}
