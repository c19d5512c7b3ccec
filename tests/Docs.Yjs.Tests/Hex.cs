namespace Docs.Yjs.Tests;

internal static class Hex
{
    /// <summary>Bytes from hex written with spaces or '|' separators, as in the spec's dumps.</summary>
    public static byte[] Parse(string text) => Convert.FromHexString(new string(text.Where(Uri.IsHexDigit).ToArray()));

    public static string Of(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
