namespace Docs.Yjs;

/// <summary>A unit's identity: the client that created it and its position in that client's history.</summary>
public readonly record struct Id(ulong Client, long Clock)
{
    public override string ToString() => $"{Client}:{Clock}";
}
