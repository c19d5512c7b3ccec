namespace Docs.Yjs;

/// <summary>
/// The one exception every decoder in this library throws for malformed input: truncated data,
/// out-of-range numbers, unknown tags, nesting too deep, lengths beyond the input. Anything else
/// escaping a decoder is a bug.
/// </summary>
public sealed class YjsDecodingException : Exception
{
    public YjsDecodingException()
    {
    }

    public YjsDecodingException(string message) : base(message)
    {
    }

    public YjsDecodingException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
