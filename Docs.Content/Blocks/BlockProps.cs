using System.Collections;
using System.Globalization;
using Docs.Yjs;
using Docs.Yjs.Encoding;

namespace Docs.Content.Blocks;

/// <summary>
/// A block's props in order: name → value as JSON-like .NET values (string, bool, long, double, null,
/// lists, dictionaries). Props outside the block type's schema are kept too, for round trips.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "BlockNote's own name for a block's settings.")]
public sealed class BlockProps : IReadOnlyDictionary<string, object?>
{
    public static readonly BlockProps Empty = new([]);

    private readonly OrderedDictionary<string, object?> _values;

    public BlockProps(IEnumerable<KeyValuePair<string, object?>> values)
    {
        _values = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            _values[key] = value;
        }
    }

    /// <summary>These props with <paramref name="name"/> set (added at the end when new).</summary>
    public BlockProps With(string name, object? value) => new(_values.Where(p => p.Key != name).Append(new(name, value)).OrderBy(p => IndexOf(p.Key)));

    private int IndexOf(string name) => _values.IndexOf(name) is var index and >= 0 ? index : int.MaxValue;

    public string? GetString(string name) => _values.GetValueOrDefault(name) as string;

    public bool GetBool(string name) => _values.GetValueOrDefault(name) is true;

    public double? GetNumber(string name) =>
        _values.GetValueOrDefault(name) is { } value && value is not YUndefined && JsNumber.TryGet(value, out var number) ? number
        : _values.GetValueOrDefault(name) is string text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed
        : null;

    public int? GetInt(string name) => GetNumber(name) is { } number && double.IsFinite(number) ? (int)Math.Clamp(number, int.MinValue, int.MaxValue) : null;

    public object? this[string key] => _values[key];

    public IEnumerable<string> Keys => _values.Keys;

    public IEnumerable<object?> Values => _values.Values;

    public int Count => _values.Count;

    public bool ContainsKey(string key) => _values.ContainsKey(key);

    public bool TryGetValue(string key, out object? value) => _values.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => JsJson.Stringify(_values);
}
