namespace Docs.Web.Ui;

/// <summary>The UI's texts: English in the markup, other languages in <c>Resources/Ui.Text.{language}.resx</c>.</summary>
public sealed class Text;
