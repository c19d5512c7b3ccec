using Docs.Content.Blocks;
using Docs.Content.Search;
using Docs.Content.Yjs;
using static Docs.Content.Tests.TestBlocks;

namespace Docs.Content.Tests.Search;

public sealed class SearchTextTests
{
    [Fact]
    public void Headings_and_body_are_separated_in_reading_order_with_nested_blocks()
    {
        var blocks = new[]
        {
            Block(BlockTypes.Heading, Text("Rapport annuel")),
            Paragraph(Text("Le "), Text("budget", Bold), Text(" de l'année")).Children(
                Block(BlockTypes.BulletListItem, Text("premier point")),
                Block(BlockTypes.Heading, Text("Sous-titre")).With("level", 2L)),
            Block(BlockTypes.Quote, new Link("https://example.org", [Text("un lien")])),
        };

        var text = SearchText.FromBlocks(blocks);

        Assert.Equal("Rapport annuel\nSous-titre", text.Headings);
        Assert.Equal("Le budget de l'année\npremier point\nun lien", text.Body);
    }

    [Fact]
    public void Tables_media_names_and_captions_are_body_text_but_urls_are_not()
    {
        var table = Blocks.Block.Create(BlockTypes.Table, new TableContent([null, null], null, null,
            [new TableRow([TableCell.Of(Text("Ville")), TableCell.Of(Text("Montréal"))])]));
        var image = Media(BlockTypes.Image, "https://secret.example/x.png", name: "plan.png", caption: "Le plan du site");

        var text = SearchText.FromBlocks([table, image]);

        Assert.Equal("", text.Headings);
        Assert.Equal("Ville Montréal\nplan.png Le plan du site", text.Body);
        Assert.DoesNotContain("secret", text.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_yjs_state_reads_to_the_same_text_and_no_state_to_nothing()
    {
        var state = BlockNoteYjs.Write([Block(BlockTypes.Heading, Text("Titre")), Paragraph("corps du texte")]);

        Assert.Equal(new SearchText("Titre", "corps du texte"), SearchText.FromState(state));
        Assert.Equal(SearchText.Empty, SearchText.FromState(null));
    }
}
