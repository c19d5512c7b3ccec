using Docs.Core.Attachments;
using Docs.Yjs;
using Docs.Yjs.Types;

namespace Docs.Core.Tests;

/// <summary>A duplicate's content names its own attachments: in block props (an image's url) and in link marks alike.</summary>
public sealed class AttachmentUrlsTests
{
    private const string Old = "0195f3d2-0000-7000-8000-000000000001/attachments/0195f3d2-0000-7000-8000-0000000000aa.pdf";
    private const string New = "0195f3d2-0000-7000-8000-000000000002/attachments/0195f3d2-0000-7000-8000-0000000000bb.pdf";

    [Fact]
    public void Block_attributes_and_link_marks_that_name_an_old_key_name_the_new_one_and_the_rest_stays()
    {
        var doc = new Doc();
        var paragraph = new YXmlElement("paragraph");
        var text = new YXmlText();
        var image = new YXmlElement("image");
        doc.Transact(_ =>
        {
            doc.GetXmlFragment(AttachmentUrls.Fragment).Push(image, paragraph);
            image.SetAttribute("url", AttachmentUrls.Of(Old));
            image.SetAttribute("caption", "a chart");
            paragraph.Push(text);
            text.Insert(0, "See ");
            text.Insert(4, "the report", new Dictionary<string, object?> { ["link"] = new Dictionary<string, object?> { ["href"] = AttachmentUrls.Of(Old), ["target"] = "_blank" }, ["bold"] = true });
            text.Insert(14, " and ", new Dictionary<string, object?> { ["link"] = null, ["bold"] = null }); // else it would carry on the marks before it
            text.Insert(19, "the site", new Dictionary<string, object?> { ["link--a1b2c3d4"] = new Dictionary<string, object?> { ["href"] = "https://example.org/media/x" } });
        });

        var rewritten = new Doc();
        rewritten.ApplyUpdate(AttachmentUrls.Rewrite(doc.EncodeStateAsUpdate(), new Dictionary<string, string> { [Old] = New }));

        var blocks = rewritten.GetXmlFragment(AttachmentUrls.Fragment).Children;
        var copiedImage = Assert.IsType<YXmlElement>(blocks[0]);
        Assert.Equal(AttachmentUrls.Of(New), copiedImage.GetAttribute("url"));
        Assert.Equal("a chart", copiedImage.GetAttribute("caption"));
        var runs = Assert.IsType<YXmlText>(Assert.IsType<YXmlElement>(blocks[1]).Children[0]).ToDelta();
        Assert.Equal(["See ", "the report", " and ", "the site"], runs.Select(run => (string)run.Insert![0]!));
        var link = Assert.IsAssignableFrom<IEnumerable<KeyValuePair<string, object?>>>(runs[1].Attributes!["link"]).ToDictionary();
        Assert.Equal(AttachmentUrls.Of(New), link["href"]);
        Assert.Equal("_blank", link["target"]);
        Assert.Equal(true, runs[1].Attributes!["bold"]);
        var other = Assert.IsAssignableFrom<IEnumerable<KeyValuePair<string, object?>>>(runs[3].Attributes!["link--a1b2c3d4"]).ToDictionary();
        Assert.Equal("https://example.org/media/x", other["href"]);
    }

    [Fact]
    public void A_state_that_names_no_old_key_is_returned_as_it_is()
    {
        var doc = new Doc();
        doc.GetXmlFragment(AttachmentUrls.Fragment).Push(new YXmlElement("paragraph"));
        var state = doc.EncodeStateAsUpdate();

        Assert.Same(state, AttachmentUrls.Rewrite(state, new Dictionary<string, string> { [Old] = New }));
    }
}
