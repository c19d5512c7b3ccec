namespace Docs.Web.Components.Documents;

/// <summary>
/// What the editor island reports: its connection (connecting, offline, saving, saved), whether the user
/// may write, and how many local changes the server has not acknowledged (kept in the browser meanwhile).
/// </summary>
public sealed record EditorState(string Status, bool CanWrite, int UnsavedChanges)
{
    public static readonly EditorState Connecting = new("connecting", false, 0);
}
