using Docs.Hosting.Services;
using Microsoft.Extensions.Configuration;

namespace Docs.AppHost;

/// <summary>A development account of Docs.Identity, shown in the start-up summary.</summary>
internal sealed record DevUser(string UserName, string Password, string Name, string Email);

internal static class DevUsersExtensions
{
    /// <summary>Seeds the development identity provider with the accounts of <c>DevUsers</c> and lists them in the summary.</summary>
    public static IResourceBuilder<ProjectResource> WithDevUsers(this IResourceBuilder<ProjectResource> identity, IConfigurationSection section)
    {
        var users = section.Get<DevUser[]>() ?? [];
        for (var i = 0; i < users.Length; i++)
        {
            identity
                .WithEnvironment($"Identity__Users__{i}__UserName", users[i].UserName)
                .WithEnvironment($"Identity__Users__{i}__Password", users[i].Password)
                .WithEnvironment($"Identity__Users__{i}__Name", users[i].Name)
                .WithEnvironment($"Identity__Users__{i}__Email", users[i].Email);
        }
        foreach (var (user, index) in users.Select((user, index) => (user, index)))
        {
            var label = index == 0 ? "Sign in" : "";
            identity.WithSummary(() => $"{label,-9} {user.UserName} / {user.Password,-10} {user.Name} <{user.Email}>");
        }
        return identity;
    }
}
