namespace RancherHaproxy.Tests.TestSupport;

/// <summary>
/// The trait that marks every test that runs HAProxy (directly, through <c>haproxy -c</c>, or through
/// the daemon): <c>./build.sh test</c> runs those once per HAProxy binary (<c>Category=Haproxy</c>)
/// and all the others once (<c>Category!=Haproxy</c>). In the latter run <see cref="HaproxyBinary"/>
/// refuses to name a binary, so a test that needs HAProxy but lacks the trait fails loudly.
/// </summary>
internal static class TestCategories
{
    public const string Name = "Category";

    public const string Haproxy = "Haproxy";
}
