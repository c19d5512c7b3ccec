namespace Docs.Core.Access;

/// <summary>What a user may do on a document, weakest first: each role includes the ones before it.</summary>
public enum Role
{
    Reader = 1,
    Commenter = 2,
    Editor = 3,
    Administrator = 4,
    Owner = 5,
}

/// <summary>Who the document's link opens it to.</summary>
public enum LinkReach
{
    Restricted = 0,
    Authenticated = 1,
    Public = 2,
}

/// <summary>The role the link gives (never more than editor).</summary>
public enum LinkRole
{
    Reader = Role.Reader,
    Commenter = Role.Commenter,
    Editor = Role.Editor,
}

/// <summary>A document's link setting: reach and role.</summary>
public readonly record struct LinkSetting(LinkReach Reach, LinkRole Role);
