using System.Net;
using System.Net.Sockets;
using System.Text;
using RancherHaproxy.Operations;

namespace RancherHaproxy.Tests.Operations;

public sealed class HealthCheckCommandTests
{
    [Theory]
    [InlineData(null, 1042)]
    [InlineData("", 1042)]
    [InlineData(" 8042 ", 8042)]
    [InlineData("65535", 65535)]
    public void ParsePort_Accepted(string? value, int port)
    {
        // Act / Assert
        HealthCheckCommand.ParsePort(value).Should().Be((port, (string?)null));
    }

    [Theory]
    [InlineData("0", "the health endpoint is off")]
    [InlineData("65536", "must be a port from 1 to 65535, not '65536'")]
    [InlineData("-1", "not '-1'")]
    [InlineData("http", "not 'http'")]
    public void ParsePort_Refused_SaysWhy(string value, string reason)
    {
        // Act
        var (port, error) = HealthCheckCommand.ParsePort(value);

        // Assert
        port.Should().BeNull();
        error.Should().StartWith("healthcheck: HEALTH_PORT").And.Contain(reason);
    }

    [Theory]
    [InlineData(200, "ready\n", "ready")]
    [InlineData(503, "not ready: shutting down\n", "not ready: shutting down")]
    [InlineData(500, "", "HTTP 500")]
    public void Describe_FirstLineOrStatus(int status, string body, string line)
    {
        // Act / Assert
        HealthCheckCommand.Describe(status, body).Should().Be(line);
    }

    [Fact(Timeout = 10_000)]
    public async Task RunAsync_InvalidPort_ExitsOneWithAMessageOnStandardError()
    {
        // Arrange
        var (output, error) = (new StringWriter(), new StringWriter());

        // Act
        var exitCode = await HealthCheckCommand.RunAsync("0", output, error);

        // Assert
        exitCode.Should().Be(1);
        output.ToString().Should().BeEmpty();
        error.ToString().Should().Contain("HEALTH_PORT");
    }

    [Fact(Timeout = 10_000)]
    public async Task RunAsync_NothingListening_ExitsOneNamingTheTarget()
    {
        // Arrange
        var port = TestSupport.FreePort.Next();
        var output = new StringWriter();

        // Act
        var exitCode = await HealthCheckCommand.RunAsync(port.ToString(System.Globalization.CultureInfo.InvariantCulture), output, TextWriter.Null);

        // Assert
        exitCode.Should().Be(1);
        output.ToString().Should().StartWith($"no answer from 127.0.0.1:{port}: ");
    }

    [Theory(Timeout = 10_000)]
    [InlineData("200 OK", "ready", 0)]
    [InlineData("503 Service Unavailable", "not ready: waiting for the first routes", 1)]
    public async Task RunAsync_Answer_ExitCodeFromTheStatus(string statusLine, string body, int expected)
    {
        // Arrange
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var serving = AnswerOnceAsync(listener, $"HTTP/1.1 {statusLine}\r\nContent-Length: {body.Length + 1}\r\nConnection: close\r\n\r\n{body}\n");
        var output = new StringWriter();

        // Act
        var exitCode = await HealthCheckCommand.RunAsync(port.ToString(System.Globalization.CultureInfo.InvariantCulture), output, TextWriter.Null);

        // Assert
        exitCode.Should().Be(expected);
        output.ToString().Should().Be(body + Environment.NewLine);
        (await serving).Should().StartWith("GET /readyz HTTP/1.1\r\n");
    }

    [Fact(Timeout = 10_000)]
    public async Task RunAsync_NoAnswerWithinTwoSeconds_ExitsOne()
    {
        // Arrange: accepts and never answers
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var output = new StringWriter();

        // Act
        var exitCode = await HealthCheckCommand.RunAsync(port.ToString(System.Globalization.CultureInfo.InvariantCulture), output, TextWriter.Null);

        // Assert
        exitCode.Should().Be(1);
        output.ToString().Should().Contain("no answer within 2 s");
    }

    private static async Task<string> AnswerOnceAsync(TcpListener listener, string answer)
    {
        using var client = await listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        var buffer = new byte[4096];
        var read = await stream.ReadAsync(buffer);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(answer));
        client.Client.Shutdown(SocketShutdown.Send);
        return Encoding.ASCII.GetString(buffer, 0, read);
    }
}
