using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.Hosting;

/// <summary>Reads the connection strings that the AppHost (or a deployment) gives each service.</summary>
public static class ConnectionStrings
{
    /// <summary>
    /// Returns <c>ConnectionStrings:{name}</c>, or stops start-up with a message that says where it
    /// is expected to come from.
    /// </summary>
    public static string GetRequired(IConfiguration configuration, string name)
    {
        var value = configuration.GetConnectionString(name);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException(
                $"Connection string '{name}' is missing. Set 'ConnectionStrings:{name}' in configuration " +
                $"(environment variable ConnectionStrings__{name}); the AppHost sets it for services that reference '{name}'.");
        }
        return value;
    }
}
