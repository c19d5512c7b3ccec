using YamlDotNet.Serialization;

namespace Docs.Hosting.Publishing;

internal static class YamlText
{
    // Strings that YAML would read as numbers or booleans ("8080", "true") stay strings.
    private static readonly ISerializer Serializer = new SerializerBuilder()
        .DisableAliases()
        .WithQuotingNecessaryStrings()
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
        .Build();

    public static string Serialize(object value) => Serializer.Serialize(value);
}
