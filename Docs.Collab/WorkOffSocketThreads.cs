using System.Runtime.CompilerServices;

namespace Docs.Collab;

/// <summary>
/// Socket completions run inline on the few socket engine threads (see <see cref="InlineSockets"/>), so a long piece of
/// work there would hold up every other socket of that thread. Work that may be long — a large message,
/// a large document's state, loading or compacting a document — moves to the thread pool first.
/// </summary>
public static class WorkOffSocketThreads
{
    /// <summary>Messages and documents above this size are handled on the thread pool.</summary>
    public const long LargeBytes = 64 * 1024;

    /// <summary>Continues on the thread pool.</summary>
    public static YieldAwaitable Leave() => Task.Yield();

    /// <summary>Continues on the thread pool when <paramref name="bytes"/> is large; at once, on this thread, otherwise.</summary>
    public static async ValueTask LeaveIfLargeAsync(long bytes)
    {
        if (bytes > LargeBytes)
        {
            await Task.Yield();
        }
    }
}
