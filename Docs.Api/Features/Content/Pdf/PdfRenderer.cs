using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace Docs.Api.Features.Content.Pdf;

/// <summary>
/// Prints HTML pages to PDF with the machine's headless Chromium, through Playwright: one browser for the
/// whole service, started at the first PDF and started again should it die; each PDF gets a tab of its
/// own in a fresh context, at most <see cref="ContentOptions.PdfConcurrency"/> at once. The page is
/// served to the browser from memory and the browser reaches nothing else: every request it makes is
/// answered here (the page, the document's own pictures) or refused, so an export never fetches an
/// address a document names. Text stays text (selectable), headings become the PDF's outline
/// (bookmarks, from a tagged PDF), and each page has its number in the footer.
/// </summary>
public sealed class PdfRenderer(IOptions<ContentOptions> options, ILogger<PdfRenderer> logger) : IAsyncDisposable
{
    /// <summary>The origin the page is served from; <c>.invalid</c> never resolves, should a request ever escape.</summary>
    private static readonly Uri PageAddress = new("https://export.invalid/document");

    private const string Footer =
        "<div style=\"width:100%;font-size:9px;color:#555;text-align:center;font-family:sans-serif\">" +
        "<span class=\"pageNumber\"></span> / <span class=\"totalPages\"></span></div>";

    private readonly ContentOptions _options = options.Value;
    private readonly SemaphoreSlim _printing = new(Math.Max(1, options.Value.PdfConcurrency));
    private readonly SemaphoreSlim _starting = new(1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The PDF of <paramref name="html"/>; <see cref="PdfUnavailableException"/> when there is no browser to print with.</summary>
    public async Task<byte[]> RenderAsync(string html, PaperSize paper, PdfMedia media, CancellationToken cancellationToken)
    {
        await _printing.WaitAsync(cancellationToken);
        try
        {
            var browser = await BrowserAsync(cancellationToken);
            // Scripts stay on: Chromium fills the footer's page numbers with them (the page itself has none: the exporter writes no script).
            await using var context = await browser.NewContextAsync();
            var page = await context.NewPageAsync();
            await page.RouteAsync("**/*", route => AnswerAsync(route, html, media, cancellationToken));
            var timeout = (float)_options.PdfTimeout.TotalMilliseconds;
            await page.GotoAsync(PageAddress.AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = timeout });
            return await page.PdfAsync(new PagePdfOptions
            {
                Format = paper == PaperSize.Letter ? "Letter" : "A4",
                PrintBackground = true,
                DisplayHeaderFooter = true,
                HeaderTemplate = "<span></span>",
                FooterTemplate = Footer,
                Margin = new Margin { Top = "18mm", Bottom = "20mm", Left = "16mm", Right = "16mm" },
                Tagged = true,
                Outline = true,
            });
        }
        finally
        {
            _printing.Release();
        }
    }

    /// <summary>The page itself, a picture the document holds, or a refusal for everything else.</summary>
    private static async Task AnswerAsync(IRoute route, string html, PdfMedia media, CancellationToken cancellationToken)
    {
        var url = route.Request.Url;
        if (url == PageAddress.AbsoluteUri)
        {
            await route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/html; charset=utf-8", Body = html });
            return;
        }
        if (await media(url, cancellationToken) is { } found)
        {
            await route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = found.MediaType, BodyBytes = found.Data });
            return;
        }
        await route.AbortAsync("blockedbyclient");
    }

    /// <summary>Starts the browser now if it is not running: <see cref="PdfUnavailableException"/> when it cannot be.</summary>
    public Task EnsureReadyAsync(CancellationToken cancellationToken) => BrowserAsync(cancellationToken);

    private async Task<IBrowser> BrowserAsync(CancellationToken cancellationToken)
    {
        if (_browser is { IsConnected: true } running)
        {
            return running;
        }
        await _starting.WaitAsync(cancellationToken);
        try
        {
            if (_browser is { IsConnected: true } started)
            {
                return started;
            }
            if (!File.Exists(_options.ChromiumPath))
            {
                throw new PdfUnavailableException(
                    $"PDF export needs Chromium at {_options.ChromiumPath}: install it (Debian/Ubuntu: apt-get install chromium) or set Content:ChromiumPath.");
            }
            if (_browser is not null)
            {
                logger.LogWarning("The PDF browser is gone; starting it again.");
                await _browser.DisposeAsync();
            }
            try
            {
                _playwright ??= await Playwright.CreateAsync();
                _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                {
                    ExecutablePath = _options.ChromiumPath,
                    Headless = true,
                    // Chromium's sandbox refuses to run as root (containers, CI); elsewhere it stays on.
                    Args = Environment.UserName == "root" ? ["--no-sandbox"] : [],
                });
            }
            catch (PlaywrightException ex)
            {
                throw new PdfUnavailableException($"PDF export could not start Chromium at {_options.ChromiumPath}: {ex.Message}", ex);
            }
            return _browser;
        }
        finally
        {
            _starting.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        _printing.Dispose();
        _starting.Dispose();
    }
}
