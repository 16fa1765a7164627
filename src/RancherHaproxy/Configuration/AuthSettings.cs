using RancherHaproxy.Auth;

namespace RancherHaproxy.Configuration;

/// <summary>Access control: the users read at start, which stacks need them, and the client networks.</summary>
/// <param name="Users">AUTH_USERS then AUTH_USERS_FILE, a name defined twice kept once (the first).</param>
/// <param name="DuplicateUsers">Names defined more than once at start (a warning each).</param>
/// <param name="Default">AUTH_DEFAULT: whether a stack that says nothing requires credentials.</param>
/// <param name="AllowOptOut">AUTH_ALLOW_OPT_OUT: whether `$RANCHER_LABEL.auth=off` may switch protection off.</param>
/// <param name="BypassCidrs">AUTH_BYPASS_CIDRS: client networks that skip the credential check.</param>
/// <param name="AllowCidrs">ALLOW_CIDRS: when not empty, the only client networks served.</param>
/// <param name="AcceptProxyFrom">ACCEPT_PROXY_FROM: networks whose connections carry the PROXY protocol.</param>
/// <param name="Forward">AUTH_FORWARD: keep the Authorization header on its way to the container.</param>
/// <param name="AuthMap">HAPROXY_AUTH_MAP: the generated map protected host → realm.</param>
internal sealed record AuthSettings(
    IReadOnlyList<AuthUser> Users,
    IReadOnlyList<string> DuplicateUsers,
    bool Default,
    bool AllowOptOut,
    IReadOnlyList<string> BypassCidrs,
    IReadOnlyList<string> AllowCidrs,
    IReadOnlyList<string> AcceptProxyFrom,
    bool Forward,
    string AuthMap)
{
    public override string ToString() =>
        $"AuthSettings {{ Users = {Users.Count}, Default = {Default}, AllowOptOut = {AllowOptOut}, AuthMap = {AuthMap} }}";
}
