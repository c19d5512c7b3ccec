using Docs.Core.Data.Entities;

namespace Docs.Core.Documents;

/// <summary>
/// Materialized paths: each level is <see cref="Document.StepLength"/> characters of base 36
/// (<c>0-9A-Z</c>), so that byte order is tree order, a subtree is a prefix, and the ancestors of a
/// path are its prefixes.
/// </summary>
public static class TreePath
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const int Step = Document.StepLength;

    /// <summary>The largest step number: 36^7 - 1.</summary>
    public static readonly long MaxStep = (long)Math.Pow(36, Step) - 1;

    public static string Encode(long step)
    {
        if (step < 0 || step > MaxStep)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "No room left at this level of the tree.");
        }
        Span<char> chars = stackalloc char[Step];
        for (var i = Step - 1; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(step % 36)];
            step /= 36;
        }
        return new string(chars);
    }

    public static long Decode(ReadOnlySpan<char> step)
    {
        long value = 0;
        foreach (var c in step)
        {
            var digit = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (digit < 0)
            {
                throw new FormatException($"'{c}' is not a tree path character.");
            }
            value = value * 36 + digit;
        }
        return value;
    }

    public static int Depth(string path) => path.Length / Step;

    public static string? Parent(string path) => path.Length <= Step ? null : path[..^Step];

    /// <summary>The last step's number: the position among siblings.</summary>
    public static long LastStep(string path) => Decode(path.AsSpan(path.Length - Step));

    /// <summary>The paths of every strict ancestor, root first.</summary>
    public static IEnumerable<string> Ancestors(string path)
    {
        for (var length = Step; length < path.Length; length += Step)
        {
            yield return path[..length];
        }
    }

    /// <summary>The path and its ancestors' paths, root first.</summary>
    public static string[] SelfAndAncestors(string path) => [.. Ancestors(path), path];

    public static bool IsInSubtreeOf(string path, string ancestor) => path.StartsWith(ancestor, StringComparison.Ordinal);

    public static string Child(string? parentPath, long step) => (parentPath ?? "") + Encode(step);
}
