using Docs.Core.Access;

namespace Docs.Core.Tests;

/// <summary>
/// The abilities as a table: every explicit role (or none) × signed in or not × link reach × link role,
/// each row's abilities written out, not computed.
/// </summary>
public sealed class AbilitiesTableTests
{
    /// <summary>The abilities each group of the table stands for.</summary>
    private static readonly Dictionary<string, string[]> Groups = new()
    {
        ["read"] = ["Retrieve", "Content", "MediaAuth", "ChildrenList", "CollaborationRead"],
        ["comment"] = ["Comment"],
        ["edit"] = ["Update", "PartialUpdate", "AttachmentUpload", "CollaborationWrite"],
        ["signed-in"] = ["Favorite", "Duplicate"],
        ["add-children"] = ["ChildrenCreate"],
        ["member"] = ["AccessesView", "VersionsList", "VersionsRetrieve", "Leave"],
        ["manage"] = ["AccessesManage", "LinkConfiguration", "Move", "VersionsDestroy"],
        ["own"] = ["Destroy", "Restore", "InviteOwner"],
    };

    /// <summary>
    /// Every case, written out: the caller's own role on the document (or none), signed in or not, the link's reach
    /// and role | the groups of abilities they get ("-": none). An anonymous caller's own role never counts (they
    /// cannot be recognised); the link never gives more than editor, nor anything that needs a role of one's own.
    /// </summary>
    private const string Table = """
        none          signed-in  restricted     reader     | -
        none          signed-in  restricted     commenter  | -
        none          signed-in  restricted     editor     | -
        none          signed-in  authenticated  reader     | read signed-in
        none          signed-in  authenticated  commenter  | read comment signed-in
        none          signed-in  authenticated  editor     | read comment edit signed-in add-children
        none          signed-in  public         reader     | read signed-in
        none          signed-in  public         commenter  | read comment signed-in
        none          signed-in  public         editor     | read comment edit signed-in add-children
        none          anonymous  restricted     reader     | -
        none          anonymous  restricted     commenter  | -
        none          anonymous  restricted     editor     | -
        none          anonymous  authenticated  reader     | -
        none          anonymous  authenticated  commenter  | -
        none          anonymous  authenticated  editor     | -
        none          anonymous  public         reader     | read
        none          anonymous  public         commenter  | read comment
        none          anonymous  public         editor     | read comment edit
        reader        signed-in  restricted     reader     | read signed-in member
        reader        signed-in  restricted     commenter  | read signed-in member
        reader        signed-in  restricted     editor     | read signed-in member
        reader        signed-in  authenticated  reader     | read signed-in member
        reader        signed-in  authenticated  commenter  | read comment signed-in member
        reader        signed-in  authenticated  editor     | read comment edit signed-in add-children member
        reader        signed-in  public         reader     | read signed-in member
        reader        signed-in  public         commenter  | read comment signed-in member
        reader        signed-in  public         editor     | read comment edit signed-in add-children member
        reader        anonymous  restricted     reader     | -
        reader        anonymous  restricted     commenter  | -
        reader        anonymous  restricted     editor     | -
        reader        anonymous  authenticated  reader     | -
        reader        anonymous  authenticated  commenter  | -
        reader        anonymous  authenticated  editor     | -
        reader        anonymous  public         reader     | read
        reader        anonymous  public         commenter  | read comment
        reader        anonymous  public         editor     | read comment edit
        commenter     signed-in  restricted     reader     | read comment signed-in member
        commenter     signed-in  restricted     commenter  | read comment signed-in member
        commenter     signed-in  restricted     editor     | read comment signed-in member
        commenter     signed-in  authenticated  reader     | read comment signed-in member
        commenter     signed-in  authenticated  commenter  | read comment signed-in member
        commenter     signed-in  authenticated  editor     | read comment edit signed-in add-children member
        commenter     signed-in  public         reader     | read comment signed-in member
        commenter     signed-in  public         commenter  | read comment signed-in member
        commenter     signed-in  public         editor     | read comment edit signed-in add-children member
        commenter     anonymous  restricted     reader     | -
        commenter     anonymous  restricted     commenter  | -
        commenter     anonymous  restricted     editor     | -
        commenter     anonymous  authenticated  reader     | -
        commenter     anonymous  authenticated  commenter  | -
        commenter     anonymous  authenticated  editor     | -
        commenter     anonymous  public         reader     | read
        commenter     anonymous  public         commenter  | read comment
        commenter     anonymous  public         editor     | read comment edit
        editor        signed-in  restricted     reader     | read comment edit signed-in add-children member
        editor        signed-in  restricted     commenter  | read comment edit signed-in add-children member
        editor        signed-in  restricted     editor     | read comment edit signed-in add-children member
        editor        signed-in  authenticated  reader     | read comment edit signed-in add-children member
        editor        signed-in  authenticated  commenter  | read comment edit signed-in add-children member
        editor        signed-in  authenticated  editor     | read comment edit signed-in add-children member
        editor        signed-in  public         reader     | read comment edit signed-in add-children member
        editor        signed-in  public         commenter  | read comment edit signed-in add-children member
        editor        signed-in  public         editor     | read comment edit signed-in add-children member
        editor        anonymous  restricted     reader     | -
        editor        anonymous  restricted     commenter  | -
        editor        anonymous  restricted     editor     | -
        editor        anonymous  authenticated  reader     | -
        editor        anonymous  authenticated  commenter  | -
        editor        anonymous  authenticated  editor     | -
        editor        anonymous  public         reader     | read
        editor        anonymous  public         commenter  | read comment
        editor        anonymous  public         editor     | read comment edit
        administrator signed-in  restricted     reader     | read comment edit signed-in add-children member manage
        administrator signed-in  restricted     commenter  | read comment edit signed-in add-children member manage
        administrator signed-in  restricted     editor     | read comment edit signed-in add-children member manage
        administrator signed-in  authenticated  reader     | read comment edit signed-in add-children member manage
        administrator signed-in  authenticated  commenter  | read comment edit signed-in add-children member manage
        administrator signed-in  authenticated  editor     | read comment edit signed-in add-children member manage
        administrator signed-in  public         reader     | read comment edit signed-in add-children member manage
        administrator signed-in  public         commenter  | read comment edit signed-in add-children member manage
        administrator signed-in  public         editor     | read comment edit signed-in add-children member manage
        administrator anonymous  restricted     reader     | -
        administrator anonymous  restricted     commenter  | -
        administrator anonymous  restricted     editor     | -
        administrator anonymous  authenticated  reader     | -
        administrator anonymous  authenticated  commenter  | -
        administrator anonymous  authenticated  editor     | -
        administrator anonymous  public         reader     | read
        administrator anonymous  public         commenter  | read comment
        administrator anonymous  public         editor     | read comment edit
        owner         signed-in  restricted     reader     | read comment edit signed-in add-children member manage own
        owner         signed-in  restricted     commenter  | read comment edit signed-in add-children member manage own
        owner         signed-in  restricted     editor     | read comment edit signed-in add-children member manage own
        owner         signed-in  authenticated  reader     | read comment edit signed-in add-children member manage own
        owner         signed-in  authenticated  commenter  | read comment edit signed-in add-children member manage own
        owner         signed-in  authenticated  editor     | read comment edit signed-in add-children member manage own
        owner         signed-in  public         reader     | read comment edit signed-in add-children member manage own
        owner         signed-in  public         commenter  | read comment edit signed-in add-children member manage own
        owner         signed-in  public         editor     | read comment edit signed-in add-children member manage own
        owner         anonymous  restricted     reader     | -
        owner         anonymous  restricted     commenter  | -
        owner         anonymous  restricted     editor     | -
        owner         anonymous  authenticated  reader     | -
        owner         anonymous  authenticated  commenter  | -
        owner         anonymous  authenticated  editor     | -
        owner         anonymous  public         reader     | read
        owner         anonymous  public         commenter  | read comment
        owner         anonymous  public         editor     | read comment edit
        """;

    public static TheoryData<string> Rows()
    {
        var rows = new TheoryData<string>();
        foreach (var line in Lines())
        {
            rows.Add(line);
        }
        return rows;
    }

    private static string[] Lines() => Table.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Theory]
    [MemberData(nameof(Rows))]
    public void Abilities_follow_the_table(string row)
    {
        var (caller, groups) = (row.Split('|')[0].Split(' ', StringSplitOptions.RemoveEmptyEntries), row.Split('|')[1].Trim());
        var member = caller[0] == "none" ? (Role?)null : Enum.Parse<Role>(caller[0], ignoreCase: true);
        var signedIn = caller[1] switch { "signed-in" => true, "anonymous" => false, _ => throw new FormatException(row) };
        var link = new LinkSetting(Enum.Parse<LinkReach>(caller[2], ignoreCase: true), Enum.Parse<LinkRole>(caller[3], ignoreCase: true));
        var expected = groups == "-" ? [] : groups.Split(' ').SelectMany(group => Groups[group]).Order(StringComparer.Ordinal).ToArray();

        var abilities = DocumentAbilities.Compute(new AccessContext(signedIn, member is null ? [] : [member.Value], [link]));

        Assert.Equal(expected, Granted(abilities));
    }

    [Fact]
    public void The_table_has_every_case_once()
    {
        var cases = Lines().Select(row => string.Join(' ', row.Split('|')[0].Split(' ', StringSplitOptions.RemoveEmptyEntries))).ToList();

        Assert.Equal(6 * 2 * 3 * 3, cases.Distinct().Count());
        Assert.Equal(cases.Count, cases.Distinct().Count());
        // Every ability is in a group, so that the table speaks of all of them.
        Assert.Equal(Granted(AllAbilities()), Groups.Values.SelectMany(g => g).Order(StringComparer.Ordinal));
    }

    private static string[] Granted(DocumentAbilities abilities) =>
        typeof(DocumentAbilities).GetProperties().Where(p => p.PropertyType == typeof(bool) && (bool)p.GetValue(abilities)!)
            .Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();

    private static DocumentAbilities AllAbilities()
    {
        var all = new DocumentAbilities();
        foreach (var property in typeof(DocumentAbilities).GetProperties().Where(p => p.PropertyType == typeof(bool)))
        {
            property.SetValue(all, true);
        }
        return all;
    }

    [Fact]
    public void The_link_never_gives_more_than_editor()
    {
        var abilities = DocumentAbilities.Compute(new AccessContext(true, [], [new LinkSetting(LinkReach.Public, LinkRole.Editor)]));

        Assert.True(abilities.Update);
        Assert.False(abilities.AccessesManage);
        Assert.False(abilities.AccessesView);
    }

    [Fact]
    public void The_most_open_setting_of_the_document_and_its_ancestors_counts()
    {
        var restrictedChildOfPublicParent = new AccessContext(false, [], [new LinkSetting(LinkReach.Restricted, LinkRole.Editor), new LinkSetting(LinkReach.Public, LinkRole.Reader)]);
        var abilities = DocumentAbilities.Compute(restrictedChildOfPublicParent);

        Assert.True(abilities.Retrieve);
        Assert.False(abilities.Update);
    }

    [Fact]
    public void The_highest_role_on_the_document_or_an_ancestor_counts()
    {
        var readerHereOwnerAbove = new AccessContext(true, [Role.Reader, Role.Owner], []);

        Assert.True(DocumentAbilities.Compute(readerHereOwnerAbove).Destroy);
    }

    [Fact]
    public void An_anonymous_visitor_sees_nothing_of_a_restricted_document()
    {
        Assert.Equal(DocumentAbilities.None, DocumentAbilities.Compute(new AccessContext(false, [Role.Owner], [new LinkSetting(LinkReach.Authenticated, LinkRole.Editor)])));
    }

    [Theory]
    [InlineData(Role.Owner, true)]
    [InlineData(Role.Administrator, false)]
    [InlineData(Role.Editor, false)]
    public void A_document_in_the_trash_is_seen_and_restored_by_its_owners_only(Role member, bool owner)
    {
        var abilities = DocumentAbilities.Compute(new AccessContext(true, [member], [new LinkSetting(LinkReach.Public, LinkRole.Editor)], IsDeleted: true));

        Assert.Equal(owner, abilities.Retrieve);
        Assert.Equal(owner, abilities.Restore);
        Assert.False(abilities.Update);
        Assert.False(abilities.CollaborationRead);
        Assert.False(abilities.Move);
    }
}
