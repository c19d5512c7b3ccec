using System.IO.Compression;
using System.Text;
using Docs.Core.Attachments;

namespace Docs.Core.Tests;

/// <summary>The type of a file comes from its first bytes, whatever its name says.</summary>
public sealed class ContentSnifferTests
{
    public static TheoryData<string, string> Signatures => new()
    {
        { "89504E470D0A1A0A0000000D49484452", "image/png" },
        { "FFD8FFE000104A464946", "image/jpeg" },
        { "474946383961010001008000", "image/gif" },
        { "524946462400000057454250565038", "image/webp" },
        { "524946462400000057415645666D7420", "audio/wav" },
        { "255044462D312E370A", "application/pdf" },
        { "494433040000000000", "audio/mpeg" },
        { "FFFB9064000000", "audio/mpeg" },
        { "4F67675300020000", "audio/ogg" },
        { "664C614300000022", "audio/flac" },
        { "0000002066747970697336D00000000", "video/mp4" },
        { "00000020667479704D34412000000000", "audio/mp4" },
        { "0000001466747970717420200000000", "video/quicktime" },
        { "1A45DFA39F4286810142F7", "video/webm" },
        { "4D5A90000300000004000000FFFF0000", "application/x-msdownload" },
        { "7F454C46020101000000000000000000", "application/x-executable" },
        { "00010203040506070809", "application/octet-stream" },
    };

    [Theory]
    [MemberData(nameof(Signatures))]
    public void Magic_numbers_decide_the_type(string hex, string mediaType) =>
        Assert.Equal(mediaType, ContentSniffer.Sniff(Convert.FromHexString(hex.Length % 2 == 0 ? hex : hex + "0")).MediaType);

    [Theory]
    [InlineData("Plain notes, with accents: é à ü — and a tab\tand lines\r\n", "text/plain")]
    [InlineData("<!DOCTYPE html><html><script>alert(1)</script></html>", "text/html")]
    [InlineData("\uFEFF  <html><body>hi</body></html>", "text/html")]
    [InlineData("<script>fetch('/api/v1.0/users/me/')</script>", "text/html")]
    [InlineData("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><circle r=\"4\"/></svg>", "image/svg+xml")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>", "image/svg+xml")]
    [InlineData("<html><body><svg></svg></body></html>", "text/html")]
    [InlineData("text with a NUL \0 inside", "application/octet-stream")]
    [InlineData("", "application/octet-stream")]
    public void Text_and_markup_are_told_apart(string content, string mediaType) =>
        Assert.Equal(mediaType, ContentSniffer.Sniff(Encoding.UTF8.GetBytes(content)).MediaType);

    [Fact]
    public void A_head_cut_inside_a_character_is_still_text()
    {
        var text = Encoding.UTF8.GetBytes(new string('é', 10));
        Assert.Equal(ContentSniffer.Text, ContentSniffer.Sniff(text.AsSpan(0, text.Length - 1)));
    }

    [Fact]
    public void Office_documents_are_told_apart_from_other_zip_files()
    {
        Assert.Equal(ContentSniffer.Docx, ContentSniffer.Sniff(Zip(("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>"))));
        Assert.Equal(ContentSniffer.Xlsx, ContentSniffer.Sniff(Zip(("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<workbook/>"))));
        Assert.Equal(ContentSniffer.Pptx, ContentSniffer.Sniff(Zip(("[Content_Types].xml", "<Types/>"), ("ppt/presentation.xml", "<p/>"))));
        Assert.Equal(ContentSniffer.Odt, ContentSniffer.Sniff(Zip(("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<office/>"))));
        Assert.Equal(ContentSniffer.Ods, ContentSniffer.Sniff(Zip(("mimetype", "application/vnd.oasis.opendocument.spreadsheet"))));
        Assert.Equal(ContentSniffer.Zip, ContentSniffer.Sniff(Zip(("readme.txt", "hello"))));
    }

    [Fact]
    public void Programs_and_pages_are_not_allowed_by_default()
    {
        foreach (var refused in new[] { ContentSniffer.Executable, ContentSniffer.Elf, ContentSniffer.Html, ContentSniffer.Zip, AttachmentType.Unknown })
        {
            Assert.DoesNotContain(refused.MediaType, ContentSniffer.DefaultAllowed);
        }
        Assert.Contains(ContentSniffer.Png.MediaType, ContentSniffer.DefaultAllowed);
        Assert.Contains(ContentSniffer.Docx.MediaType, ContentSniffer.DefaultAllowed);
    }

    [Fact]
    public void Every_known_type_has_its_own_extension_that_finds_it_again()
    {
        Assert.Equal(ContentSniffer.Known.Count, ContentSniffer.Known.Select(t => t.Extension).Distinct().Count());
        Assert.All(ContentSniffer.Known, t => Assert.Same(t, AttachmentType.FromExtension(t.Extension)));
        Assert.True(ContentSniffer.Pdf.IsInline);
        Assert.True(ContentSniffer.Webm.IsInline);
        Assert.False(ContentSniffer.Docx.IsInline);
        Assert.False(ContentSniffer.Text.IsInline);
    }

    [Theory]
    [InlineData("0b9d2c1e-7f6a-4e8b-9c3d-2a1b0c9d8e7f/attachments/4f3e2d1c-0b9a-4876-a5b4-c3d2e1f0a9b8.png", true)]
    [InlineData("0b9d2c1e-7f6a-4e8b-9c3d-2a1b0c9d8e7f/attachments/../../etc/passwd", false)]
    [InlineData("../0b9d2c1e-7f6a-4e8b-9c3d-2a1b0c9d8e7f/attachments/4f3e2d1c-0b9a-4876-a5b4-c3d2e1f0a9b8.png", false)]
    [InlineData("0b9d2c1e-7f6a-4e8b-9c3d-2a1b0c9d8e7f/versions/4f3e2d1c-0b9a-4876-a5b4-c3d2e1f0a9b8.png", false)]
    [InlineData("0B9D2C1E-7F6A-4E8B-9C3D-2A1B0C9D8E7F/attachments/4f3e2d1c-0b9a-4876-a5b4-c3d2e1f0a9b8.png", false)]
    [InlineData("0b9d2c1e-7f6a-4e8b-9c3d-2a1b0c9d8e7f/attachments/4f3e2d1c-0b9a-4876-a5b4-c3d2e1f0a9b8.png\n", false)]
    [InlineData("", false)]
    public void Only_keys_this_application_makes_are_looked_up(string key, bool wellFormed) =>
        Assert.Equal(wellFormed, AttachmentKeys.IsWellFormed(key));

    [Fact]
    public void A_new_key_is_well_formed_and_names_its_type()
    {
        var key = AttachmentKeys.New(Guid.NewGuid(), ContentSniffer.Jpeg);
        Assert.True(AttachmentKeys.IsWellFormed(key));
        Assert.Equal(ContentSniffer.Jpeg, AttachmentKeys.TypeOf(key));
    }

    /// <summary>A zip as the usual tools write it: the first entry stored, the others compressed.</summary>
    private static byte[] Zip(params (string Name, string Content)[] entries)
    {
        var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                var entry = zip.CreateEntry(name, name == "mimetype" ? CompressionLevel.NoCompression : CompressionLevel.Optimal);
                using var writer = new StreamWriter(entry.Open());
                writer.Write(content);
            }
        }
        return output.ToArray();
    }
}
