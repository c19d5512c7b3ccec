namespace Docs.Web.Ui;

/// <summary>The English names (the localisation keys) of roles and link reaches.</summary>
public static class RoleNames
{
    public static string Of(string role) => role switch
    {
        "reader" => "Reader",
        "commenter" => "Commenter",
        "editor" => "Editor",
        "administrator" => "Administrator",
        "owner" => "Owner",
        _ => role,
    };

    public static string OfReach(string reach) => reach switch
    {
        "restricted" => "Only invited people",
        "authenticated" => "Signed-in people with the link",
        "public" => "Anyone with the link",
        _ => reach,
    };
}
