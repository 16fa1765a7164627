using RancherHaproxy.Auth;
using RancherHaproxy.Tests.TestSupport;

namespace RancherHaproxy.Tests.Auth;

/// <summary>Which hashes the userlist accepts: what glibc's and musl's crypt() both verify, by shape.</summary>
public sealed class PasswordHashTests
{
    [Theory]
    [InlineData(TestHashes.Bcrypt)]
    [InlineData("$2a$10$abcdefghijklmnopqrstuuqaAhbBDn3m4RSMow48aGKhH4o1u/vF2")]
    [InlineData("$2y$12$abcdefghijklmnopqrstuuqaAhbBDn3m4RSMow48aGKhH4o1u/vF2")]
    [InlineData(TestHashes.Sha256)]
    [InlineData(TestHashes.Sha512)]
    [InlineData("$5$rounds=5000$saltsalt5$1gdG0eqzMm1YERKwrb4kezvDi3PC1eNzwiwJE8s0Xl6")]
    [InlineData("$5$$1gdG0eqzMm1YERKwrb4kezvDi3PC1eNzwiwJE8s0Xl6")]
    public void IsSupported_AcceptedKind_True(string hash) => PasswordHash.IsSupported(hash).Should().BeTrue();

    [Theory]
    [InlineData("secret")]
    [InlineData("")]
    [InlineData("$1$saltsalt$qjXMvbEw8oaL.CzflDugX/")]
    [InlineData("$apr1$saltsalt$3qYb6pFqZk0ckp2xtvJD.1")]
    [InlineData("{SHA}5en6G6MezRroT3XKqkdPOmY/BfQ=")]
    [InlineData("$2x$05$abcdefghijklmnopqrstuuqaAhbBDn3m4RSMow48aGKhH4o1u/vF2")]
    [InlineData("$2b$05$abcdefghijklmnopqrstuuqaAhbBDn3m4RSMow48aGKhH4o1u/vF")]
    [InlineData("$2b$5$abcdefghijklmnopqrstuuqaAhbBDn3m4RSMow48aGKhH4o1u/vF2x")]
    [InlineData("$2b$05$abcdefghijklmnopqrstuuqaAhbBDn3m4RSMow48aGKhH4o1u/vF'")]
    [InlineData("$5$saltsalt5$1gdG0eqzMm1YERKwrb4kezvDi3PC1eNzwiwJE8s0Xl")]
    [InlineData("$5$saltsaltsaltsalt5$1gdG0eqzMm1YERKwrb4kezvDi3PC1eNzwiwJE8s0Xl6")]
    [InlineData("$5$rounds=$saltsalt5$1gdG0eqzMm1YERKwrb4kezvDi3PC1eNzwiwJE8s0Xl6")]
    [InlineData("$6$saltsalt6$1gdG0eqzMm1YERKwrb4kezvDi3PC1eNzwiwJE8s0Xl6")]
    [InlineData("$6$salt salt$DHifYWsezlImqMmfMFPh6EHJv9sG/2qRAPDOqXi10WVqyPFQkJoQgiG0DxiZiyzlhwYC6UlWuLDhUq6iAlZsa/")]
    public void IsSupported_OtherText_False(string hash) => PasswordHash.IsSupported(hash).Should().BeFalse();

    [Theory]
    [InlineData("user alice password '" + TestHashes.Bcrypt + "'", true)]
    [InlineData("parsing [x:3] : '" + TestHashes.Sha512 + "'", true)]
    [InlineData("Proxy http-in stopped", false)]
    public void ContainsHashPrefix_Line_FindsHashes(string line, bool expected) => PasswordHash.ContainsHashPrefix(line).Should().Be(expected);
}
