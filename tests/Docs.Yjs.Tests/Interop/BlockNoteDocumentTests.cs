using Docs.Testing;
using System.Text.Json;
using Docs.Yjs.Types;

namespace Docs.Yjs.Tests.Interop;

/// <summary>A document written by BlockNote's own packages decodes to the tree that yjs reads from it.</summary>
public sealed class BlockNoteDocumentTests
{
    [Fact]
    public void A_blocknote_document_decodes_to_the_expected_tree()
    {
        using var fixture = JsonDocument.Parse(NodeInterop.RunScript("blocknote-fixture.mjs"));
        var root = fixture.RootElement;
        var doc = new Doc(1);

        doc.ApplyUpdate(Convert.FromHexString(root.GetProperty("update").GetString()!));

        var fragment = doc.GetXmlFragment("document-store");
        Assert.Equal(root.GetProperty("xml").GetString(), fragment.ToString());

        var blockGroup = Assert.IsType<YXmlElement>(Assert.Single(fragment.Children));
        Assert.Equal("blockGroup", blockGroup.NodeName);
        Assert.All(blockGroup.Children, child => Assert.Equal("blockContainer", ((YXmlElement)child).NodeName));
        var heading = (YXmlElement)((YXmlElement)blockGroup.Get(0)).Get(0);
        Assert.Equal("heading", heading.NodeName);
        Assert.Equal(2L, Convert.ToInt64(heading.GetAttribute("level"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Meeting notes", ((YXmlText)heading.Get(0)).ToDelta().Single().Insert![0]);

        var paragraph = (YXmlElement)((YXmlElement)blockGroup.Get(1)).Get(0);
        var runs = ((YXmlText)paragraph.Get(0)).ToDelta();
        Assert.Contains(runs, run => Equals(run.Insert![0], "bold") && run.Attributes!.ContainsKey("bold"));
        Assert.Contains(runs, run => Equals(run.Insert![0], "both") && run.Attributes!.ContainsKey("bold") && run.Attributes.ContainsKey("italic"));
        Assert.Contains(runs, run => Equals(run.Insert![0], "a link") && run.Attributes!.ContainsKey("link"));

        // Every node, attribute and text run matches what yjs itself reads.
        var expectedTree = root.GetProperty("tree").EnumerateArray().ToList();
        AssertSameTree(expectedTree, fragment.Children);

        // And the document re-encodes to the same bytes.
        Assert.Equal(root.GetProperty("update").GetString(), Hex.Of(doc.EncodeStateAsUpdate()));
    }

    private static void AssertSameTree(List<JsonElement> expected, IReadOnlyList<AbstractType> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            if (expected[i].TryGetProperty("text", out var delta))
            {
                var text = Assert.IsType<YXmlText>(actual[i]);
                Assert.Equal(delta.GetArrayLength(), text.ToDelta().Count);
                continue;
            }
            var element = Assert.IsType<YXmlElement>(actual[i]);
            Assert.Equal(expected[i].GetProperty("name").GetString(), element.NodeName);
            var attributes = expected[i].GetProperty("attributes").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
            // JSON drops undefined values (BlockNote stores start=undefined): compare the defined ones.
            var defined = element.Attributes.Where(a => a.Value is not YUndefined).Select(a => a.Key).Order(StringComparer.Ordinal);
            Assert.Equal(attributes, defined);
            AssertSameTree(expected[i].GetProperty("children").EnumerateArray().ToList(), element.Children);
        }
    }
}
