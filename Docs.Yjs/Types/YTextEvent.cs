using System.Text;
using Docs.Yjs.Content;

namespace Docs.Yjs.Types;

/// <summary>
/// A change to rich text, as a Quill delta: inserted runs with their attributes, retains that carry
/// formatting changes, deletions. Computed as yjs's YTextEvent computes it; like yjs, reading it may
/// delete format markers that turned out redundant.
/// </summary>
public sealed class YTextEvent : YEvent
{
    private List<YDeltaOp>? _delta;

    internal YTextEvent(YText target, Transaction transaction) : base(target, transaction)
    {
    }

    public override IReadOnlyList<YDeltaOp> Delta => _delta ??= Compute();

    private List<YDeltaOp> Compute()
    {
        var delta = new List<YDeltaOp>();
        var doc = Target.Doc!;
        doc.Transact(transaction =>
        {
            var current = new OrderedDictionary<string, object?>();
            var old = new Dictionary<string, object?>(StringComparer.Ordinal);
            var attributes = new OrderedDictionary<string, object?>();
            string? action = null;
            var insertText = new StringBuilder();
            object? insertValue = null;
            int retain = 0, deleteLength = 0;

            void AddOp()
            {
                if (action is null)
                {
                    return;
                }
                YDeltaOp? op = null;
                switch (action)
                {
                    case "delete":
                        if (deleteLength > 0)
                        {
                            op = new YDeltaOp(Delete: deleteLength);
                        }
                        deleteLength = 0;
                        break;
                    case "insert":
                        if (insertValue is not null || insertText.Length > 0)
                        {
                            var live = current.Where(entry => entry.Value is not null).ToList();
                            op = new YDeltaOp(
                                Insert: [insertValue ?? insertText.ToString()],
                                Attributes: current.Count > 0 ? new OrderedDictionary<string, object?>(live) : null);
                        }
                        insertText.Clear();
                        insertValue = null;
                        break;
                    case "retain":
                        if (retain > 0)
                        {
                            op = new YDeltaOp(Retain: retain, Attributes: attributes.Count > 0 ? new OrderedDictionary<string, object?>(attributes) : null);
                        }
                        retain = 0;
                        break;
                }
                if (op is not null)
                {
                    delta.Add(op);
                }
                action = null;
            }

            for (var item = Target.Start; item is not null; item = item.Right)
            {
                switch (item.Content)
                {
                    case ContentType or ContentEmbed:
                        if (Adds(item))
                        {
                            if (!Deletes(item))
                            {
                                AddOp();
                                action = "insert";
                                insertValue = item.Content.GetContent()[0];
                                AddOp();
                            }
                        }
                        else if (Deletes(item))
                        {
                            if (action != "delete")
                            {
                                AddOp();
                                action = "delete";
                            }
                            deleteLength += 1;
                        }
                        else if (!item.Deleted)
                        {
                            if (action != "retain")
                            {
                                AddOp();
                                action = "retain";
                            }
                            retain += 1;
                        }
                        break;
                    case ContentString text:
                        if (Adds(item))
                        {
                            if (!Deletes(item))
                            {
                                if (action != "insert")
                                {
                                    AddOp();
                                    action = "insert";
                                }
                                insertText.Append(text.Text);
                            }
                        }
                        else if (Deletes(item))
                        {
                            if (action != "delete")
                            {
                                AddOp();
                                action = "delete";
                            }
                            deleteLength += item.Length;
                        }
                        else if (!item.Deleted)
                        {
                            if (action != "retain")
                            {
                                AddOp();
                                action = "retain";
                            }
                            retain += item.Length;
                        }
                        break;
                    case ContentFormat format:
                    {
                        var key = format.Key;
                        var value = format.Value;
                        if (Adds(item))
                        {
                            if (!Deletes(item))
                            {
                                var currentValue = current.GetValueOrDefault(key);
                                if (!TextAttributes.Equal(currentValue, value))
                                {
                                    if (action == "retain")
                                    {
                                        AddOp();
                                    }
                                    if (TextAttributes.Equal(value, old.GetValueOrDefault(key)))
                                    {
                                        attributes.Remove(key);
                                    }
                                    else
                                    {
                                        attributes[key] = value;
                                    }
                                }
                                else if (value is not null)
                                {
                                    item.Delete(transaction);
                                }
                            }
                        }
                        else if (Deletes(item))
                        {
                            old[key] = value;
                            var currentValue = current.GetValueOrDefault(key);
                            if (!TextAttributes.Equal(currentValue, value))
                            {
                                if (action == "retain")
                                {
                                    AddOp();
                                }
                                attributes[key] = currentValue;
                            }
                        }
                        else if (!item.Deleted)
                        {
                            old[key] = value;
                            if (attributes.TryGetValue(key, out var attribute))
                            {
                                if (!TextAttributes.Equal(attribute, value))
                                {
                                    if (action == "retain")
                                    {
                                        AddOp();
                                    }
                                    if (value is null)
                                    {
                                        attributes.Remove(key);
                                    }
                                    else
                                    {
                                        attributes[key] = value;
                                    }
                                }
                                else if (attribute is not null)
                                {
                                    item.Delete(transaction);
                                }
                            }
                        }
                        if (!item.Deleted)
                        {
                            if (action == "insert")
                            {
                                AddOp();
                            }
                            TextAttributes.Update(current, format);
                        }
                        break;
                    }
                }
            }
            AddOp();
            while (delta.Count > 0 && delta[^1] is { Retain: not null, Attributes: null })
            {
                delta.RemoveAt(delta.Count - 1);
            }
        });
        return delta;
    }
}
