using System.IO.Compression;
using Docs.Content.Blocks;
using Docs.Content.Docx.Import;
using Docs.Content.Markdown;

namespace Docs.Content.Import;

/// <summary>
/// A zip of Markdown files as a tree of pages: <c>Plan.md</c> is a page, the <c>.md</c> files in a folder
/// <c>Plan/</c> beside it are its sub-pages (a folder without a page of its name becomes an empty page of
/// that name), in name order. Relative links to other <c>.md</c> files of the zip, and pictures or files
/// the pages show from the zip, are named so that the caller can point them at the new pages and
/// attachments (<see cref="ImportedPage"/>). Checked with <see cref="ZipBounds"/> first; at most
/// <see cref="MaxPages"/> pages and <see cref="MaxDepth"/> folders deep.
/// </summary>
public static class MarkdownZipImporter
{
    public const int MaxPages = 500;
    public const int MaxDepth = 20;
    private const long MaxFileBytes = 20L * 1024 * 1024;

    private sealed class Node(string name)
    {
        public string Name { get; } = name;
        public string? MarkdownPath { get; set; }
        public SortedDictionary<string, Node> Children { get; } = new(StringComparer.OrdinalIgnoreCase);
    }

    /// <exception cref="DocxImportException">The zip is past its bounds or holds no Markdown.</exception>
    /// <exception cref="ContentTooDeepException">A page nests deeper than the model reads.</exception>
    public static ImportedTree Read(Stream zip)
    {
        if (ZipBounds.Check(zip) is { } refusal)
        {
            throw new DocxImportException(refusal);
        }
        using var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
        var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        foreach (var entry in archive.Entries)
        {
            if (Normalize(entry.FullName) is { } path && !path.EndsWith('/'))
            {
                entries[path] = entry;
            }
        }
        var root = new Node("");
        foreach (var path in entries.Keys.Where(p => p.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase)))
        {
            var parts = path.Split('/');
            if (parts.Length > MaxDepth)
            {
                throw new DocxImportException($"The archive nests folders more than {MaxDepth} deep.");
            }
            var node = root;
            foreach (var folder in parts[..^1])
            {
                node = Child(node, folder);
            }
            Child(node, Path.GetFileNameWithoutExtension(parts[^1])).MarkdownPath = path;
        }
        if (root.Children.Count == 0)
        {
            throw new DocxImportException("The archive holds no Markdown (.md) file.");
        }
        var indexes = new Dictionary<string, int>(StringComparer.Ordinal);
        var count = 0;
        void Number(Node node)
        {
            foreach (var child in node.Children.Values)
            {
                if (++count > MaxPages)
                {
                    throw new DocxImportException($"The archive holds more than {MaxPages} pages.");
                }
                if (child.MarkdownPath is { } path)
                {
                    indexes[path] = count - 1;
                }
                Number(child);
            }
        }
        Number(root);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var index = 0;
        ImportedPage Build(Node node, string folder)
        {
            var page = index++;
            var blocks = node.MarkdownPath is { } path ? Page(entries[path], folder, entries, indexes, files) : [];
            var below = folder.Length == 0 ? node.Name : folder + "/" + node.Name;
            var children = node.Children.Values.Select(child => Build(child, below)).ToList();
            return new ImportedPage(page, node.Name, blocks, children);
        }
        var pages = root.Children.Values.Select(child => Build(child, "")).ToList();
        return new ImportedTree(pages, files);
    }

    private static Node Child(Node parent, string name)
    {
        if (!parent.Children.TryGetValue(name, out var child))
        {
            parent.Children[name] = child = new Node(name);
        }
        return child;
    }

    private static IReadOnlyList<Block> Page(ZipArchiveEntry entry, string folder, Dictionary<string, ZipArchiveEntry> entries,
        Dictionary<string, int> indexes, Dictionary<string, byte[]> files)
    {
        using var reader = new StreamReader(entry.Open());
        var blocks = MarkdownImporter.ToBlocks(reader.ReadToEnd());
        return BlockUrls.Rewrite(blocks,
            media: url => Resolve(folder, url) is { } path && entries.TryGetValue(path, out var file) && Load(file, path, files) ? ImportedPage.FileScheme + path : null,
            link: href => Resolve(folder, href) is { } path && indexes.TryGetValue(path, out var page) ? ImportedPage.PageScheme + page : null);
    }

    private static bool Load(ZipArchiveEntry entry, string path, Dictionary<string, byte[]> files)
    {
        if (files.ContainsKey(path))
        {
            return true;
        }
        if (entry.Length > MaxFileBytes)
        {
            return false;
        }
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        files[path] = copy.ToArray();
        return true;
    }

    /// <summary>A relative URL of a page in <paramref name="folder"/> as a zip path; null for an absolute URL or one leaving the zip.</summary>
    private static string? Resolve(string folder, string url)
    {
        if (url.Length == 0 || url.StartsWith('/') || url.StartsWith('#') || url.Contains(':', StringComparison.Ordinal))
        {
            return null;
        }
        var path = Uri.UnescapeDataString(url.Split('#', '?')[0]);
        return Normalize(folder.Length == 0 ? path : folder + "/" + path);
    }

    /// <summary>A zip path with <c>.</c> and <c>..</c> resolved and <c>\</c> as <c>/</c>; null for one that leaves the archive or is hidden.</summary>
    private static string? Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Replace('\\', '/').Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }
            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    return null;
                }
                parts.RemoveAt(parts.Count - 1);
                continue;
            }
            if (part.StartsWith('.') || part == "__MACOSX")
            {
                return null;
            }
            parts.Add(part);
        }
        return parts.Count == 0 ? null : string.Join('/', parts) + (path.EndsWith('/') ? "/" : "");
    }
}
