namespace Docs.Yjs.Encoding;

/// <summary>JavaScript's <c>String(value)</c> for the values documents hold, used where yjs renders XML.</summary>
public static class JsString
{
    public static string Of(object? value) => value switch
    {
        null => "null",
        YUndefined => "undefined",
        string s => s,
        bool b => b ? "true" : "false",
        IList<object?> list => string.Join(",", list.Select(item => item is null or YUndefined ? "" : Of(item))),
        IDictionary<string, object?> or IReadOnlyDictionary<string, object?> => "[object Object]",
        _ when JsNumber.TryGet(value, out var number) => JsNumber.Format(number),
        _ => value.ToString() ?? "",
    };
}
