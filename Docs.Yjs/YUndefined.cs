namespace Docs.Yjs;

/// <summary>JavaScript's <c>undefined</c>, which Yjs keeps apart from <c>null</c> (Any tag 127).</summary>
public sealed class YUndefined
{
    public static readonly YUndefined Value = new();

    private YUndefined()
    {
    }

    public override string ToString() => "undefined";
}
