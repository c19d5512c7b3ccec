namespace Docs.Core.Access;

/// <summary>
/// What a user may do with a document — the one answer every endpoint and every collaboration ticket
/// asks for. Names follow the reference API's <c>abilities</c> object.
/// </summary>
public sealed record DocumentAbilities
{
    public bool Retrieve { get; init; }
    public bool Content { get; init; }
    public bool MediaAuth { get; init; }
    public bool ChildrenList { get; init; }
    public bool Update { get; init; }
    public bool PartialUpdate { get; init; }
    public bool AttachmentUpload { get; init; }
    public bool Comment { get; init; }
    public bool ChildrenCreate { get; init; }
    public bool Favorite { get; init; }
    public bool Duplicate { get; init; }
    public bool Destroy { get; init; }
    public bool Restore { get; init; }
    public bool Move { get; init; }
    public bool AccessesView { get; init; }
    public bool AccessesManage { get; init; }
    public bool InviteOwner { get; init; }
    public bool LinkConfiguration { get; init; }
    public bool VersionsList { get; init; }
    public bool VersionsRetrieve { get; init; }
    public bool VersionsDestroy { get; init; }
    public bool Leave { get; init; }

    /// <summary>May open a collaboration connection (read-only unless <see cref="CollaborationWrite"/>).</summary>
    public bool CollaborationRead { get; init; }
    public bool CollaborationWrite { get; init; }

    public static DocumentAbilities None { get; } = new();

    /// <summary>
    /// The abilities for <paramref name="context"/>: the effective role decides; a document in the trash
    /// can only be seen, restored or destroyed by its owners.
    /// </summary>
    public static DocumentAbilities Compute(AccessContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var role = context.EffectiveRole;
        if (role is null)
        {
            return None;
        }
        var isOwner = role == Role.Owner;
        var isOwnerOrAdmin = role >= Role.Administrator;
        var signedIn = context.IsAuthenticated;
        if (context.IsDeleted)
        {
            return new DocumentAbilities
            {
                Retrieve = isOwner,
                Content = isOwner,
                ChildrenList = isOwner,
                Restore = isOwner,
                Destroy = isOwner,
                AccessesView = isOwner,
            };
        }
        var canUpdate = role >= Role.Editor;
        return new DocumentAbilities
        {
            Retrieve = true,
            Content = true,
            MediaAuth = true,
            ChildrenList = true,
            Update = canUpdate,
            PartialUpdate = canUpdate,
            AttachmentUpload = canUpdate,
            Comment = role >= Role.Commenter,
            ChildrenCreate = canUpdate && signedIn,
            Favorite = signedIn,
            Duplicate = signedIn,
            Destroy = isOwner,
            Restore = isOwner,
            Move = isOwnerOrAdmin,
            AccessesView = context.IsMember,
            AccessesManage = isOwnerOrAdmin,
            InviteOwner = isOwner,
            LinkConfiguration = isOwnerOrAdmin,
            VersionsList = context.IsMember,
            VersionsRetrieve = context.IsMember,
            VersionsDestroy = isOwnerOrAdmin,
            Leave = context.IsMember,
            CollaborationRead = true,
            CollaborationWrite = canUpdate,
        };
    }
}
