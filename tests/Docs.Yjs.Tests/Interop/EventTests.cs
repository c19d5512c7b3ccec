using Docs.Testing;
using System.Text.Json;
using Docs.Yjs.Encoding;
using Docs.Yjs.Types;

namespace Docs.Yjs.Tests.Interop;

/// <summary>What observers see of remote changes (text deltas with attributes, array deltas, map keys), as in yjs.</summary>
public sealed class EventTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Observers_see_the_events_yjs_observers_see(int seed)
    {
        using var expected = JsonDocument.Parse(NodeInterop.RunScript("gen-events.mjs", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "300"));
        var source = new Doc(7);
        var target = new Doc(8);
        var events = new List<string>();
        void Record(string type, YEvent e) => events.Add(Describe(type, e));
        target.GetText("text").Observe((e, _) => Record("text", e));
        target.GetArray("array").Observe((e, _) => Record("array", e));
        target.GetMap("map").Observe((e, _) => Record("map", e));
        source.Update += (update, _, _) => target.ApplyUpdate(update);

        var step = 0;
        foreach (var expectedStep in expected.RootElement.EnumerateArray())
        {
            events.Clear();
            SessionOps.Apply(source, expectedStep.GetProperty("op"));
            var wanted = expectedStep.GetProperty("events").EnumerateArray().Select(e => e.GetRawText()).ToList();
            Assert.True(wanted.SequenceEqual(events), $"step {step} ({expectedStep.GetProperty("op").GetRawText()}):\nexpected {string.Join("\n         ", wanted)}\nactual   {string.Join("\n         ", events)}");
            step++;
        }
        Assert.True(step > 200);
    }

    private static string Describe(string type, YEvent e)
    {
        object? Value(object? value) => value switch
        {
            AbstractType t => new OrderedDictionary<string, object?> { ["type"] = t.GetType().Name },
            byte[] bytes => new OrderedDictionary<string, object?> { ["bytes"] = bytes.Select(b => (object?)(long)b).ToList() },
            List<object?> list => list.Select(Value).ToList(),
            IDictionary<string, object?> map => new OrderedDictionary<string, object?>(map.Select(entry => new KeyValuePair<string, object?>(entry.Key, Value(entry.Value)))),
            _ => value,
        };
        var delta = e.Delta.Select(op =>
        {
            var json = new OrderedDictionary<string, object?>();
            if (op.Insert is { } insert)
            {
                json["insert"] = type == "text" ? Value(insert[0]) : insert.Select(Value).ToList();
            }
            if (op.Retain is { } retain)
            {
                json["retain"] = retain;
            }
            if (op.Delete is { } delete)
            {
                json["delete"] = delete;
            }
            if (op.Attributes is { } attributes)
            {
                json["attributes"] = attributes;
            }
            return (object?)json;
        }).ToList();
        var keys = new OrderedDictionary<string, object?>();
        foreach (var (key, change) in e.Keys)
        {
            keys[key] = change.Action.ToString().ToLowerInvariant();
        }
        return JsJson.Stringify(new OrderedDictionary<string, object?> { ["type"] = type, ["delta"] = delta, ["keys"] = keys });
    }
}
