using System.Globalization;

namespace RancherHaproxy.Tls;

/// <summary>
/// The certificate checks as a pure function of what was seen before, the certificates read now,
/// the routed hosts and the time: the next state, the report for /status and /metrics, and the
/// warnings to log — each once per change of state, at most <see cref="MaxHostLines"/> host lines.
/// </summary>
internal static class CertificateCheck
{
    public const int MaxHostLines = 20;

    public static readonly TimeSpan ExpiryWarning = TimeSpan.FromDays(14);

    /// <param name="hosts">The routed hosts (host, stack); null: the same as last time (a timer check).</param>
    public static (CertificateCheckState State, CertificateReportSnapshot Report, IReadOnlyList<CertificateNotice> Notices) Evaluate(
        CertificateCheckState previous, IReadOnlyList<CertificateFile> files, IReadOnlyList<(string Host, string Stack)>? hosts, DateTimeOffset now)
    {
        var notices = new List<CertificateNotice>();
        var expiry = new Dictionary<string, (CertificateExpiry, DateTimeOffset)>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var certificates = new List<CertificateFacts>();
        foreach (var file in files)
        {
            if (file.Facts is { } facts)
            {
                certificates.Add(facts);
                expiry[file.Name] = CheckExpiry(facts, previous.Expiry.GetValueOrDefault(file.Name), now, notices);
            }
            else
            {
                errors[file.Name] = file.Error ?? "unreadable";
                if (previous.Errors.GetValueOrDefault(file.Name) != errors[file.Name])
                {
                    notices.Add(new("cannot read certificate", [("certificate", file.Name), ("error", errors[file.Name])]));
                }
            }
        }

        var routed = hosts ?? previous.Hosts;
        var uncovered = routed.Where(entry => !certificates.Any(certificate => CertificateCoverage.Covers(certificate, entry.Host)))
            .OrderBy(entry => entry.Host, StringComparer.Ordinal)
            .ToList();
        NoteUncovered(uncovered.Where(entry => !previous.Uncovered.Contains(entry.Host)).ToList(), notices);
        var uncoveredHosts = uncovered.Select(entry => entry.Host).ToHashSet(StringComparer.Ordinal);
        return (
            new CertificateCheckState(expiry, errors, routed, uncoveredHosts),
            new CertificateReportSnapshot(certificates, [.. uncovered.Select(entry => entry.Host)]),
            notices);
    }

    public static CertificateExpiry StateAt(DateTimeOffset notAfter, DateTimeOffset now) =>
        now >= notAfter ? CertificateExpiry.Expired
        : notAfter - now <= ExpiryWarning ? CertificateExpiry.ExpiresSoon
        : CertificateExpiry.Valid;

    /// <summary>Whole days left, rounded up: a certificate made to last 7 days says 7 until a day has passed.</summary>
    public static int DaysLeft(DateTimeOffset notAfter, DateTimeOffset now) => (int)Math.Ceiling((notAfter - now).TotalDays);

    private static (CertificateExpiry, DateTimeOffset) CheckExpiry(
        CertificateFacts facts, (CertificateExpiry State, DateTimeOffset NotAfter) before, DateTimeOffset now, List<CertificateNotice> notices)
    {
        var state = StateAt(facts.NotAfter, now);
        var changed = before == default || before.State != state || before.NotAfter != facts.NotAfter;
        if (changed && state == CertificateExpiry.ExpiresSoon)
        {
            notices.Add(new("certificate expires soon",
                [("certificate", facts.Name), ("subject", facts.Subject), ("not_after", Iso(facts.NotAfter)), ("days", DaysLeft(facts.NotAfter, now))]));
        }
        else if (changed && state == CertificateExpiry.Expired)
        {
            notices.Add(new("certificate expired", [("certificate", facts.Name), ("subject", facts.Subject), ("not_after", Iso(facts.NotAfter))]));
        }

        return (state, facts.NotAfter);
    }

    private static void NoteUncovered(List<(string Host, string Stack)> newlyUncovered, List<CertificateNotice> notices)
    {
        foreach (var (host, stack) in newlyUncovered.Take(MaxHostLines))
        {
            notices.Add(new("no certificate covers host", [("host", host), ("stack", stack)]));
        }

        if (newlyUncovered.Count > MaxHostLines)
        {
            notices.Add(new("more hosts without a certificate", [("count", newlyUncovered.Count - MaxHostLines)]));
        }
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
