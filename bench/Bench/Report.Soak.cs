namespace RancherHaproxy.Bench;

/// <summary>The soak's figures (issue 15) are computed by <see cref="SoakRun"/>; this prints them like the others.</summary>
internal sealed partial class Report
{
    public void Figure(string figure, string value, string target, bool met, string? note = null) => Line(figure, value, target, met, note);
}
