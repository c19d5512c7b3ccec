using Docs.Yjs;
using Docs.Yjs.Types;

namespace Docs.Core.Attachments;

/// <summary>
/// The <c>/media/{key}</c> URLs inside a document's content (a Yjs state whose BlockNote blocks keep their props, such as an
/// image's <c>url</c>, as XML attributes): rewritten to other keys, as one more update on top of the state.
/// </summary>
public static class AttachmentUrls
{
    /// <summary>BlockNote's fragment in the Yjs document.</summary>
    public const string Fragment = "document-store";

    public static string Of(string key) => $"/media/{key}";

    /// <summary>
    /// <paramref name="state"/> with every attribute that names <c>/media/{old}</c> naming <c>/media/{new}</c> instead; the state
    /// itself when nothing names an old key.
    /// </summary>
    public static byte[] Rewrite(byte[] state, IReadOnlyDictionary<string, string> newKeys)
    {
        if (newKeys.Count == 0)
        {
            return state;
        }
        var doc = new Doc();
        doc.ApplyUpdate(state);
        var changes = new List<(YXmlElement Element, string Name, string Value)>();
        Collect(doc.GetXmlFragment(Fragment), newKeys, changes);
        if (changes.Count == 0)
        {
            return state;
        }
        doc.Transact(_ =>
        {
            foreach (var (element, name, value) in changes)
            {
                element.SetAttribute(name, value);
            }
        });
        return doc.EncodeStateAsUpdate();
    }

    private static void Collect(YXmlFragment parent, IReadOnlyDictionary<string, string> newKeys, List<(YXmlElement, string, string)> changes)
    {
        foreach (var child in parent.Children)
        {
            if (child is not YXmlElement element)
            {
                continue;
            }
            foreach (var (name, value) in element.Attributes)
            {
                if (value is string text && Replace(text, newKeys) is { } replaced)
                {
                    changes.Add((element, name, replaced));
                }
            }
            Collect(element, newKeys, changes);
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
