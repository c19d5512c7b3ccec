namespace Docs.Api.Features.Content;

/// <summary>The <c>Content</c> settings: the browser PDFs are printed with, and the bounds of exports and imports.</summary>
public sealed class ContentOptions
{
    public const string Section = "Content";

    /// <summary>The machine's Chromium (Debian's <c>chromium</c> package); never a browser downloaded by a tool.</summary>
    public string ChromiumPath { get; set; } = "/usr/bin/chromium";

    /// <summary>PDFs printed at once by the one browser (each costs a tab and a core while it renders).</summary>
    public int PdfConcurrency { get; set; } = 2;

    /// <summary>How long a PDF may take to print before the export gives up.</summary>
    public TimeSpan PdfTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The most pages an export with sub-pages holds.</summary>
    public int MaxTreePages { get; set; } = 2000;
}
