using RancherHaproxy.Output;
using RancherHaproxy.Tests.TestSupport;

namespace RancherHaproxy.Tests.Output;

public sealed class AtomicFileWriterTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public void WriteCandidate_ExistingTarget_WritesNextToItAndLeavesTheTargetAlone()
    {
        // Arrange
        var target = _directory.Combine("domain.map");
        File.WriteAllText(target, "old\n");

        // Act
        var candidate = AtomicFileWriter.WriteCandidate(target, "new\n");

        // Assert
        Path.GetDirectoryName(candidate).Should().Be(_directory.Path, "a rename is atomic only within one file system");
        candidate.Should().NotBe(target);
        File.ReadAllText(candidate).Should().Be("new\n");
        File.ReadAllText(target).Should().Be("old\n");
    }

    [Fact]
    public void WriteCandidate_Content_IsUtf8WithoutByteOrderMark()
    {
        // Arrange
        var target = _directory.Combine("domain.map");

        // Act
        var candidate = AtomicFileWriter.WriteCandidate(target, "é\n");

        // Assert
        File.ReadAllBytes(candidate).Should().Equal(0xC3, 0xA9, 0x0A);
    }

    [Fact]
    public void WriteCandidate_MissingDirectory_CreatesIt()
    {
        // Arrange
        var target = _directory.Combine("etc", "haproxy", "domain.map");

        // Act
        var candidate = AtomicFileWriter.WriteCandidate(target, "x");

        // Assert
        File.Exists(candidate).Should().BeTrue();
    }

    [Fact]
    public void Commit_Candidate_ReplacesTheTargetAndRemovesTheCandidate()
    {
        // Arrange
        var target = _directory.Combine("domain.map");
        File.WriteAllText(target, "old\n");
        var candidate = AtomicFileWriter.WriteCandidate(target, "new\n");

        // Act
        AtomicFileWriter.Commit(target);

        // Assert
        File.ReadAllText(target).Should().Be("new\n");
        File.Exists(candidate).Should().BeFalse();
    }

    [Fact]
    public void Commit_ReaderOfTheOldFile_KeepsReadingTheOldFile()
    {
        // Arrange: a rename swaps the file; writing in place would change what the reader sees.
        var target = _directory.Combine("domain.map");
        File.WriteAllText(target, "old content\n");
        AtomicFileWriter.WriteCandidate(target, "new content\n");
        using var reader = new StreamReader(target);

        // Act
        AtomicFileWriter.Commit(target);

        // Assert
        reader.ReadToEnd().Should().Be("old content\n");
        File.ReadAllText(target).Should().Be("new content\n");
    }

    [Fact]
    public void Discard_Candidate_RemovesItAndKeepsTheTarget()
    {
        // Arrange
        var target = _directory.Combine("domain.map");
        File.WriteAllText(target, "old\n");
        var candidate = AtomicFileWriter.WriteCandidate(target, "new\n");

        // Act
        AtomicFileWriter.Discard(target);

        // Assert
        File.Exists(candidate).Should().BeFalse();
        File.ReadAllText(target).Should().Be("old\n");
    }

    [Fact]
    public void Discard_NoCandidate_DoesNothing()
    {
        // Act
        var act = () => AtomicFileWriter.Discard(_directory.Combine("domain.map"));

        // Assert
        act.Should().NotThrow();
    }

    [Fact]
    public void WriteCandidate_DirectoryIsAFile_ThrowsIOExceptionNamingTheFile()
    {
        // Arrange: works for root too, unlike a chmod'ed directory.
        File.WriteAllText(_directory.Combine("etc"), "not a directory");
        var target = _directory.Combine("etc", "domain.map");

        // Act
        var act = () => AtomicFileWriter.WriteCandidate(target, "x");

        // Assert
        act.Should().Throw<IOException>().WithMessage($"*{target}{AtomicFileWriter.CandidateSuffix}*");
    }

    [Fact]
    public void WriteCandidate_UnwritableDirectory_ThrowsIOExceptionNamingTheFile()
    {
        // Arrange: /proc refuses new files, even to root.
        const string target = "/proc/rancher-haproxy-test.map";

        // Act
        var act = () => AtomicFileWriter.WriteCandidate(target, "x");

        // Assert
        act.Should().Throw<IOException>().WithMessage($"*{target}{AtomicFileWriter.CandidateSuffix}*");
    }

    [Fact]
    public void Commit_TargetIsADirectory_ThrowsIOExceptionNamingTheTarget()
    {
        // Arrange
        var target = _directory.Combine("domain.map");
        Directory.CreateDirectory(target);
        Directory.CreateDirectory(Path.Combine(target, "keep"));
        AtomicFileWriter.WriteCandidate(target, "new\n");

        // Act
        var act = () => AtomicFileWriter.Commit(target);

        // Assert
        act.Should().Throw<IOException>().WithMessage($"*{target}*");
        Directory.Exists(Path.Combine(target, "keep")).Should().BeTrue();
    }

    [Fact]
    public void Commit_NoCandidate_ThrowsIOExceptionNamingTheTarget()
    {
        // Arrange
        var target = _directory.Combine("domain.map");

        // Act
        var act = () => AtomicFileWriter.Commit(target);

        // Assert
        act.Should().Throw<IOException>().WithMessage($"*{target}*");
    }

    public void Dispose() => _directory.Dispose();
}
