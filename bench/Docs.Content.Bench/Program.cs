using System.Globalization;
using Docs.Content.Bench;

// bench/content.sh: "compare [repeat]" prints the table; "pdf [repeat]" times the PDF export of 100 pages; "scenario NAME FILE REPEAT" times one conversion (run by compare).
var root = Directory.GetCurrentDirectory();
return args switch
{
    ["scenario", var name, var file, var repeat] => Scenarios.Run(name, file, int.Parse(repeat, CultureInfo.InvariantCulture)),
    ["compare", var repeat] => Comparison.Run(root, int.Parse(repeat, CultureInfo.InvariantCulture)),
    ["pdf"] => await PdfBench.RunAsync(3),
    ["pdf", var repeat] => await PdfBench.RunAsync(int.Parse(repeat, CultureInfo.InvariantCulture)),
    [] or ["compare"] => Comparison.Run(root, 5),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Docs.Content.Bench [compare [repeat]] | pdf [repeat] | scenario NAME FILE REPEAT");
    return 2;
}
