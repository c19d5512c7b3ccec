using Docs.Yjs;
using Docs.Yjs.Types;

namespace Docs.Core.Attachments;

/// <summary>
/// The <c>/media/{key}</c> URLs inside a document's content — BlockNote keeps blocks' props (an image's <c>url</c>) as XML
/// attributes, and marks (a link's <c>href</c>) as text formats whose values are maps — rewritten to other keys, as one
/// more update on top of the state.
/// </summary>
public static class AttachmentUrls
{
    /// <summary>BlockNote's fragment in the Yjs document.</summary>
    public const string Fragment = "document-store";

    public static string Of(string key) => $"/media/{key}";

    /// <summary>
    /// <paramref name="state"/> with every attribute and mark that names <c>/media/{old}</c> naming <c>/media/{new}</c> instead;
    /// the state itself when nothing names an old key.
    /// </summary>
    public static byte[] Rewrite(byte[] state, IReadOnlyDictionary<string, string> newKeys)
    {
        if (newKeys.Count == 0)
        {
            return state;
        }
        var doc = new Doc();
        doc.ApplyUpdate(state);
        var changes = new Changes();
        Collect(doc.GetXmlFragment(Fragment), newKeys, changes);
        if (changes.Attributes.Count == 0 && changes.Marks.Count == 0)
        {
            return state;
        }
        doc.Transact(_ =>
        {
            foreach (var (element, name, value) in changes.Attributes)
            {
                element.SetAttribute(name, value);
            }
            foreach (var (text, index, length, name, value) in changes.Marks)
            {
                text.Format(index, length, new Dictionary<string, object?> { [name] = value });
            }
        });
        return doc.EncodeStateAsUpdate();
    }

    /// <summary>What to rewrite, found before anything changes (a change while walking would move what is walked).</summary>
    private sealed class Changes
    {
        public List<(YXmlElement Element, string Name, string Value)> Attributes { get; } = [];

        public List<(YXmlText Text, int Index, int Length, string Name, Dictionary<string, object?> Value)> Marks { get; } = [];
    }

    private static void Collect(YXmlFragment parent, IReadOnlyDictionary<string, string> newKeys, Changes changes)
    {
        foreach (var child in parent.Children)
        {
            switch (child)
            {
                case YXmlElement element:
                    foreach (var (name, value) in element.Attributes)
                    {
                        if (value is string text && Replace(text, newKeys) is { } replaced)
                        {
                            changes.Attributes.Add((element, name, replaced));
                        }
                    }
                    Collect(element, newKeys, changes);
                    break;
                case YXmlText text:
                    CollectMarks(text, newKeys, changes);
                    break;
            }
        }
    }

    /// <summary>Runs of text whose marks (a link, under any of y-prosemirror's names for it) hold a string naming an old key.</summary>
    private static void CollectMarks(YXmlText text, IReadOnlyDictionary<string, string> newKeys, Changes changes)
    {
        var index = 0;
        foreach (var run in text.ToDelta())
        {
            var length = run.Insert is [string inserted] ? inserted.Length : 1;
            foreach (var (name, value) in run.Attributes ?? new Dictionary<string, object?>())
            {
                if (value is IEnumerable<KeyValuePair<string, object?>> fields)
                {
                    var map = fields.ToDictionary(field => field.Key, field => field.Value, StringComparer.Ordinal);
                    var rewritten = false;
                    foreach (var (field, fieldValue) in map.ToList())
                    {
                        if (fieldValue is string url && Replace(url, newKeys) is { } replaced)
                        {
                            map[field] = replaced;
                            rewritten = true;
                        }
                    }
                    if (rewritten)
                    {
                        changes.Marks.Add((text, index, length, name, map));
                    }
                }
            }
            index += length;
        }
    }

    /// <summary>The text with its media URLs replaced, or null when it names none of the old keys.</summary>
    private static string? Replace(string text, IReadOnlyDictionary<string, string> newKeys)
    {
        if (!text.Contains("/media/", StringComparison.Ordinal))
        {
            return null;
        }
        var result = text;
        foreach (var (old, @new) in newKeys)
        {
            result = result.Replace(Of(old), Of(@new), StringComparison.Ordinal);
        }
        return result == text ? null : result;
    }
}
