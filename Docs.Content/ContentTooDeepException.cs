namespace Docs.Content;

/// <summary>
/// A document nests blocks or unknown XML deeper than the model reads (no editor produces that): refused
/// rather than read with a recursion that could exhaust the stack.
/// </summary>
public sealed class ContentTooDeepException(string message, Exception? inner = null) : Exception(message, inner)
{
    public ContentTooDeepException(int maxDepth)
        : this($"The document nests its content deeper than {maxDepth} levels.")
    {
    }

    /// <summary>How deeply blocks (and XML kept as read) may nest.</summary>
    public const int MaxDepth = 256;
}
