using Docs.Core.Access;

namespace Docs.Core.Tests;

/// <summary>
/// The abilities as a table: every explicit role (or none) × link reach × link role × signed in or not,
/// each row stated on its own terms.
/// </summary>
public sealed class AbilitiesTableTests
{
    public static TheoryData<Role?, LinkReach, LinkRole, bool> Rows()
    {
        var rows = new TheoryData<Role?, LinkReach, LinkRole, bool>();
        foreach (var role in new Role?[] { null, Role.Reader, Role.Commenter, Role.Editor, Role.Administrator, Role.Owner })
        {
            foreach (var reach in Enum.GetValues<LinkReach>())
            {
                foreach (var linkRole in Enum.GetValues<LinkRole>())
                {
                    rows.Add(role, reach, linkRole, true);
                    rows.Add(role, reach, linkRole, false);
                }
            }
        }
        return rows;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Abilities_follow_the_effective_role(Role? member, LinkReach reach, LinkRole linkRole, bool signedIn)
    {
        var context = new AccessContext(signedIn, member is null ? [] : [member.Value], [new LinkSetting(reach, linkRole)]);

        var abilities = DocumentAbilities.Compute(context);

        // The link counts for everyone when public, for signed-in users when authenticated; accesses only for signed-in users.
        var linkGives = reach == LinkReach.Public || (reach == LinkReach.Authenticated && signedIn) ? (int)linkRole : 0;
        var memberGives = signedIn && member is not null ? (int)member.Value : 0;
        var role = Math.Max(linkGives, memberGives);
        var isMember = memberGives > 0;

        Assert.Equal(role > 0, abilities.Retrieve);
        Assert.Equal(role > 0, abilities.Content);
        Assert.Equal(role > 0, abilities.CollaborationRead);
        Assert.Equal(role >= (int)Role.Commenter, abilities.Comment);
        Assert.Equal(role >= (int)Role.Editor, abilities.Update);
        Assert.Equal(role >= (int)Role.Editor, abilities.CollaborationWrite);
        Assert.Equal(role >= (int)Role.Editor, abilities.AttachmentUpload);
        Assert.Equal(role >= (int)Role.Editor && signedIn, abilities.ChildrenCreate);
        Assert.Equal(role > 0 && signedIn, abilities.Favorite);
        Assert.Equal(role > 0 && signedIn, abilities.Duplicate);
        Assert.Equal(role >= (int)Role.Administrator, abilities.AccessesManage);
        Assert.Equal(role >= (int)Role.Administrator, abilities.LinkConfiguration);
        Assert.Equal(role >= (int)Role.Administrator, abilities.Move);
        Assert.Equal(role == (int)Role.Owner, abilities.Destroy);
        Assert.Equal(role == (int)Role.Owner, abilities.InviteOwner);
        Assert.Equal(isMember, abilities.AccessesView);
        Assert.Equal(isMember, abilities.VersionsList);
        Assert.Equal(isMember, abilities.Leave);
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
