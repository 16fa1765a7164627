namespace RancherHaproxy.Pages;

/// <summary>
/// The index and /stacks.json as rendered for the current model: a model is immutable, so each is
/// rendered once per published model, not once per request (at 1,000 stacks the JSON is ~450 KB; a
/// script polling it must not take CPU from the sync loop). Safe to read from any thread.
/// </summary>
internal sealed class IndexCache
{
    private Entry? _entry;

    public PageResponse Html(PageModel model) => For(model).Html.Value;

    public PageResponse Json(PageModel model) => For(model).Json.Value;

    private Entry For(PageModel model)
    {
        var entry = Volatile.Read(ref _entry);
        if (entry is not null && ReferenceEquals(entry.Model, model))
        {
            return entry;
        }

        entry = new Entry(model, new Lazy<PageResponse>(() => IndexPage.Render(model)), new Lazy<PageResponse>(() => StacksJson.Render(model)));
        Volatile.Write(ref _entry, entry);
        return entry;
    }

    private sealed record Entry(PageModel Model, Lazy<PageResponse> Html, Lazy<PageResponse> Json);
}
