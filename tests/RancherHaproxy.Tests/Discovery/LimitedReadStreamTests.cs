using RancherHaproxy.Discovery;

namespace RancherHaproxy.Tests.Discovery;

public sealed class LimitedReadStreamTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    [InlineData(4096)]
    public async Task ReadAsync_UpToTheLimit_ReadsEverything(int length)
    {
        // Arrange
        await using var stream = new LimitedReadStream(new MemoryStream(new byte[length]), limit: 4096);
        using var copy = new MemoryStream();

        // Act
        await stream.CopyToAsync(copy);

        // Assert
        copy.Length.Should().Be(length);
    }

    [Fact]
    public async Task ReadAsync_OverTheLimit_ThrowsIOException()
    {
        // Arrange
        await using var stream = new LimitedReadStream(new MemoryStream(new byte[4097]), limit: 4096);

        // Act
        var act = () => stream.CopyToAsync(Stream.Null);

        // Assert
        await act.Should().ThrowAsync<IOException>().WithMessage("*larger than*");
    }

    [Fact]
    public void Read_OverTheLimit_ThrowsIOException()
    {
        // Arrange
        using var stream = new LimitedReadStream(new MemoryStream(new byte[3 * 1024 * 1024]), limit: 2 * 1024 * 1024);

        // Act
        var act = () => stream.CopyTo(Stream.Null);

        // Assert
        act.Should().Throw<IOException>().WithMessage("*larger than 2 MiB*");
    }

    [Fact]
    public void Dispose_Stream_DisposesTheInnerStream()
    {
        // Arrange
        var inner = new MemoryStream(new byte[1]);

        // Act
        new LimitedReadStream(inner, 10).Dispose();

        // Assert
        inner.CanRead.Should().BeFalse();
    }
}
