namespace Docs.Core.Attachments;

/// <summary>Where an attachment stands with the malware scan (the reference's words, as its <c>media-check/</c> answers them).</summary>
public static class ScanStatus
{
    /// <summary>Being scanned: served to its uploader only.</summary>
    public const string Processing = "processing";

    /// <summary>Scanned clean, or stored while scanning was off.</summary>
    public const string Ready = "ready";

    /// <summary>The scanner found it unsafe: served to nobody.</summary>
    public const string Unsafe = "unsafe";

    /// <summary>Whether <paramref name="caller"/> may be served an attachment in <paramref name="status"/> uploaded by <paramref name="uploader"/>.</summary>
    public static bool MayServe(string status, Guid? uploader, Guid? caller) => status switch
    {
        Ready => true,
        Processing => caller is not null && caller == uploader,
        _ => false,
    };
}
