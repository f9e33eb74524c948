using CspAlerts.Diagnostics;
using CspAlerts.Model;
using Newtonsoft.Json.Linq;

namespace CspAlerts.Configuration.Reading;

/// <summary>Reads <c>owners</c>: the strategic leads and exactly one chair.</summary>
internal sealed class OwnerReader(ReadContext context)
{
    private List<ConfigItem> _items = [];

    /// <summary>Reads every owner with an id of its own into the context.</summary>
    public void Read()
    {
        _items = context.Unique("owners");
        foreach (var item in _items)
        {
            context.Owners.Add(item.Id, new Owner(
                item.Id,
                item.String("name"),
                Spellings.ParseRole(item.String("role")),
                item.String("email"),
                item.Strings("groups"),
                item.Location));
        }
    }

    /// <summary>
    /// Checks that exactly one owner is the chair. That there is none is only said when every owner
    /// was read: an owner left out, or a file not read, may be the chair.
    /// </summary>
    public void CheckChair()
    {
        var chairs = _items.Where(i => i.String("role") == "chair").ToList();
        foreach (var extra in chairs.Skip(1))
        {
            context.Error(
                extra.ValueAt("role"),
                $"owner '{Echo.Of(extra.Id)}' has role chair, but owner '{Echo.Of(chairs[0].Id)}' is already the chair ({chairs[0].ValueAt("role")}); there must be exactly one chair");
        }

        if (chairs.Count == 0 && context.Owners.IsWhole)
        {
            var file = context.FilesOf("owners").FirstOrDefault();
            var location = file is null
                ? new SourceLocation(context.Folder, 1, 1)
                : file.Document.At(((JObject)file.Document.Root).Property("owners", StringComparison.Ordinal)!);
            context.Error(location, "no owner has role chair; there must be exactly one chair");
        }
    }
}
