namespace Docs.Identity.Accounts;

/// <summary>A development account as tokens describe it: <see cref="Id"/> is the OpenID Connect <c>sub</c>.</summary>
public sealed record DevUser(string Id, string UserName, string Name, string Email)
{
    public string GivenName => Name.Split(' ', 2)[0];

    public string? FamilyName => Name.Split(' ', 2) is [_, var family] ? family : null;
}
