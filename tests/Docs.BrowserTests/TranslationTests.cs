using System.Text.RegularExpressions;
using System.Xml.Linq;
using Docs.Testing;

namespace Docs.BrowserTests;

/// <summary>Every text the UI shows in English has its translation in each of the UI's other languages.</summary>
public sealed partial class TranslationTests
{
    [Theory]
    [InlineData("fr")]
    [InlineData("de")]
    [InlineData("nl")]
    [InlineData("es")]
    [InlineData("it")]
    public void Every_text_of_the_markup_is_translated(string language)
    {
        var web = Path.Combine(RepositoryPaths.Root, "Docs.Web");
        var translated = XDocument.Load(Path.Combine(web, "Resources", $"Ui.Text.{language}.resx")).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);
        var texts = Directory.EnumerateFiles(Path.Combine(web, "Components"), "*.razor", SearchOption.AllDirectories)
            .SelectMany(file => LocalizedText().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value))
            .Concat(RoleName().Matches(File.ReadAllText(Path.Combine(web, "Ui", "RoleNames.cs"))).Select(m => m.Groups[1].Value))
            .Distinct()
            .ToList();

        Assert.True(texts.Count > 100, $"only {texts.Count} texts found: has the markup's L[\"…\"] convention changed?");
        var untranslated = texts.Where(text => !translated.TryGetValue(text, out var translation) || string.IsNullOrWhiteSpace(translation)).ToList();
        Assert.Empty(untranslated);
        // Placeholders survive translation.
        var placeholderLost = translated.Where(pair => pair.Key.Contains("{0}", StringComparison.Ordinal) != pair.Value.Contains("{0}", StringComparison.Ordinal)).Select(pair => pair.Key).ToList();
        Assert.Empty(placeholderLost);
    }

    [GeneratedRegex("L\\[(?:RoleNames\\.Of(?:Reach)?\\()?\"([^\"]+)\"")]
    private static partial Regex LocalizedText();

    [GeneratedRegex("=> \"([^\"]+)\"")]
    private static partial Regex RoleName();
}
