namespace RancherHaproxy.Tests.TestSupport;

/// <summary>
/// Real crypt(3) hashes for tests: bcrypt of "pwb" (python3 crypt, cost 5), SHA-256-crypt of "pw5"
/// and SHA-512-crypt of "pw6" (openssl passwd -5 / -6).
/// </summary>
internal static class TestHashes
{
    public const string Bcrypt = "$2b$05$abcdefghijklmnopqrstuuqaAhbBDn3m4RSMow48aGKhH4o1u/vF2";
    public const string Sha256 = "$5$saltsalt5$1gdG0eqzMm1YERKwrb4kezvDi3PC1eNzwiwJE8s0Xl6";
    public const string Sha512 = "$6$saltsalt6$DHifYWsezlImqMmfMFPh6EHJv9sG/2qRAPDOqXi10WVqyPFQkJoQgiG0DxiZiyzlhwYC6UlWuLDhUq6iAlZsa/";
}
