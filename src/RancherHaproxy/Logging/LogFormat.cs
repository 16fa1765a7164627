namespace RancherHaproxy.Logging;

/// <summary>LOG_FORMAT: how <see cref="LogSink"/> writes a line.</summary>
internal enum LogFormat
{
    /// <summary><c>&lt;time&gt; &lt;level&gt; &lt;component&gt;: &lt;message&gt; key=value …</c></summary>
    Text = 0,

    /// <summary>One JSON object per line (<see cref="JsonLogLine"/>).</summary>
    Json = 1,
}
