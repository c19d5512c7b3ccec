namespace Docs.Content.Blocks;

/// <summary>XML read from a document that this model does not interpret, kept to be written back as it was.</summary>
public abstract record PreservedNode;

/// <summary>An element: its name, its attributes (values as stored, JavaScript's undefined included) and children.</summary>
public sealed record PreservedElement(string Name, IReadOnlyList<KeyValuePair<string, object?>> Attributes, IReadOnlyList<PreservedNode> Children) : PreservedNode;

/// <summary>Rich text: runs of text (or embedded values) with the formatting attributes stored on them.</summary>
public sealed record PreservedText(IReadOnlyList<PreservedRun> Runs) : PreservedNode;

public sealed record PreservedRun(object Insert, IReadOnlyDictionary<string, object?>? Attributes);
