namespace Docs.Content.Html;

/// <summary>The style sheet of an exported page: readable, printable, no external resources.</summary>
internal static class HtmlPageStyle
{
    public const string Css = """
        :root { color-scheme: light; }
        body { margin: 0; background: #fff; color: #1f2328; font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        .document { max-width: 48rem; margin: 0 auto; padding: 3rem 1.5rem; }
        .document-title { font-size: 2.25rem; line-height: 1.2; margin: 0 0 2rem; }
        h1, h2, h3, h4, h5, h6 { line-height: 1.25; margin: 1.6em 0 0.5em; }
        p, ul, ol, blockquote, pre, table, figure, details { margin: 0 0 1em; }
        ul, ol { padding-left: 1.6em; }
        ul.checklist { list-style: none; padding-left: 0.4em; }
        ul.checklist input { margin-right: 0.4em; }
        blockquote { margin-left: 0; padding-left: 1em; border-left: 3px solid #d0d7de; color: #57606a; }
        code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9em; background: #f3f4f6; padding: 0.1em 0.3em; border-radius: 4px; }
        pre { background: #f6f8fa; padding: 1em; border-radius: 6px; overflow-x: auto; }
        pre code { background: none; padding: 0; font-size: 0.875em; }
        table { border-collapse: collapse; width: 100%; }
        th, td { border: 1px solid #d0d7de; padding: 0.4em 0.6em; vertical-align: top; text-align: left; }
        th { background: #f6f8fa; font-weight: 600; }
        figure { margin-left: 0; margin-right: 0; }
        figure img, figure video { max-width: 100%; height: auto; }
        figcaption { color: #57606a; font-size: 0.875em; margin-top: 0.3em; }
        hr { border: none; border-top: 1px solid #d0d7de; margin: 2em 0; }
        .children { margin-left: 1.5em; }
        details > summary { cursor: pointer; }
        details > summary > h1, details > summary > h2, details > summary > h3, details > summary > h4, details > summary > h5, details > summary > h6 { display: inline; }
        .page-break { break-after: page; }
        a { color: #0969da; }
        @media print { .document { max-width: none; padding: 0; } a { color: inherit; } }

        """;
}
