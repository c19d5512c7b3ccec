namespace Docs.Worker.Blobs;

/// <summary>The <c>Media</c> settings the orphan clean-up reads.</summary>
public sealed class OrphanBlobOptions
{
    public const string Section = "Media";

    /// <summary>
    /// How old an unreferenced blob must be before it is deleted: an upload is written before its key is recorded, and a
    /// duplicate copies blobs before its copy is saved, so a younger blob may be one in flight.
    /// </summary>
    public TimeSpan OrphanGracePeriod { get; set; } = TimeSpan.FromDays(1);
}
