namespace Docs.Api.Features.Content.Tree;

/// <summary>
/// Where each page of an export with sub-pages goes in the zip: a page is a file named for its title,
/// and its sub-pages are in a folder of the same name beside it (<c>Plan.md</c>, <c>Plan/Budget.md</c>),
/// names made unique among siblings; attachments are in <c>media/</c> at the top.
/// </summary>
public sealed class TreeLayout
{
    public const string MediaFolder = "media";

    private readonly Dictionary<Guid, string> _files = [];
    private readonly Dictionary<string, HashSet<string>> _namesInFolder = new(StringComparer.Ordinal);

    /// <summary>Pages in tree order (a parent before its children), with their parent's id (null for the top page).</summary>
    public TreeLayout(IEnumerable<(Guid Id, Guid? Parent, string? Title)> pages, string extension)
    {
        var folders = new Dictionary<Guid, string>();
        foreach (var (id, parent, title) in pages)
        {
            var folder = parent is { } p && folders.TryGetValue(p, out var parentFolder) ? parentFolder : "";
            var name = UniqueName(folder, Path.GetFileNameWithoutExtension(ExportFileName.For(title, extension)));
            _files[id] = folder + name + "." + extension;
            folders[id] = folder + name + "/";
        }
    }

    /// <summary>The page's path in the zip, or null when it is not part of the export.</summary>
    public string? FileOf(Guid id) => _files.GetValueOrDefault(id);

    /// <summary>How a page at <paramref name="from"/> names <paramref name="to"/> (both zip paths): a relative, escaped URL.</summary>
    public static string Relative(string from, string to)
    {
        var fromFolders = from.Split('/')[..^1];
        var target = to.Split('/');
        var common = 0;
        while (common < fromFolders.Length && common < target.Length - 1 && fromFolders[common] == target[common])
        {
            common++;
        }
        var steps = Enumerable.Repeat("..", fromFolders.Length - common).Concat(target[common..].Select(Uri.EscapeDataString));
        return string.Join('/', steps);
    }

    /// <summary>A name not yet used in <paramref name="folder"/>, for a file and the folder of the same name (compared ignoring case, as some systems do).</summary>
    private string UniqueName(string folder, string name)
    {
        if (!_namesInFolder.TryGetValue(folder, out var taken))
        {
            // The top folder also holds the media folder.
            _namesInFolder[folder] = taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { folder.Length == 0 ? MediaFolder : "" };
        }
        var candidate = name;
        for (var n = 2; !taken.Add(candidate); n++)
        {
            candidate = $"{name} ({n})";
        }
        return candidate;
    }
}
