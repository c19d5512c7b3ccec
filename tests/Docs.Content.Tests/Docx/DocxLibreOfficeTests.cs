using System.Diagnostics;
using Docs.Content.Docx;
using Docs.Content.Markdown;

namespace Docs.Content.Tests.Docx;

/// <summary>Our DOCX opens in another word processor: LibreOffice converts it to PDF, and the text is in the PDF.</summary>
public sealed class DocxLibreOfficeTests
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    [Fact]
    public async Task LibreOffice_converts_an_exported_docx_to_a_pdf_with_its_text()
    {
        const string markdown = "# Budget\n\nA **bold** plan with [a link](https://example.org).\n\n- one\n  - nested\n\n1. first\n\n| A | B |\n| --- | --- |\n| 1 | 2 |\n\n```csharp\nvar x = 1;\n```\n\n![p](/media/p.png)\n";
        var docx = DocxExporter.ToDocx(MarkdownImporter.ToBlocks(markdown), "Exported for LibreOffice", _ => new DocxImage(Png, "image/png"));
        var folder = Directory.CreateTempSubdirectory("docs-lo-");
        try
        {
            var input = Path.Combine(folder.FullName, "export.docx");
            await File.WriteAllBytesAsync(input, docx);
            // A profile of its own, so that parallel runs (and a desktop session) never share one.
            await RunAsync("libreoffice", $"-env:UserInstallation=file://{folder.FullName}/profile", "--headless", "--convert-to", "pdf", "--outdir", folder.FullName, input);
            var pdf = Path.Combine(folder.FullName, "export.pdf");
            Assert.True(File.Exists(pdf), "LibreOffice wrote no PDF");
            var text = await RunAsync("pdftotext", pdf, "-");
            Assert.Contains("Exported for LibreOffice", text, StringComparison.Ordinal);
            Assert.Contains("A bold plan with a link.", text, StringComparison.Ordinal);
            Assert.Contains("var x = 1;", text, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Runs a program the test needs (scripts/prerequisites.sh test installs LibreOffice and poppler-utils).</summary>
    private static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"{program} is not installed: run scripts/prerequisites.sh test (Debian: apt-get install libreoffice-writer-nogui poppler-utils).", ex);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"{program} exited with {process.ExitCode}: {await errors}");
            return await output;
        }
    }
}
