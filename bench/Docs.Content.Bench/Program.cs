using System.Globalization;
using Docs.Content.Bench;

// bench/content.sh: "compare [repeat]" prints the table; "scenario NAME FILE REPEAT" times one conversion (run by compare).
var root = Directory.GetCurrentDirectory();
return args switch
{
    ["scenario", var name, var file, var repeat] => Scenarios.Run(name, file, int.Parse(repeat, CultureInfo.InvariantCulture)),
    ["compare", var repeat] => Comparison.Run(root, int.Parse(repeat, CultureInfo.InvariantCulture)),
    [] or ["compare"] => Comparison.Run(root, 5),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Docs.Content.Bench [compare [repeat]] | scenario NAME FILE REPEAT");
    return 2;
}
