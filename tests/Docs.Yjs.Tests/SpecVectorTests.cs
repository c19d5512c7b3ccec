using Docs.Yjs.Types;
using Docs.Yjs.Updates;

namespace Docs.Yjs.Tests;

/// <summary>The annotated examples of the spec, each produced by yjs 13.6.33: local edits must give the same bytes.</summary>
public sealed class SpecVectorTests
{
    private static (Doc Doc, List<byte[]> Updates) NewDoc(ulong client)
    {
        var doc = new Doc(client);
        var updates = new List<byte[]>();
        doc.Update += (update, _, _) => updates.Add(update);
        return (doc, updates);
    }

    /// <summary>Applying the state to a fresh document and encoding again must give the same bytes.</summary>
    private static void AssertRoundTrips(byte[] state)
    {
        var copy = new Doc(999);
        copy.ApplyUpdate(state);
        Assert.Equal(Hex.Of(state), Hex.Of(copy.EncodeStateAsUpdate()));
    }

    [Fact]
    public void Text_insert_and_append_merge_into_one_item()
    {
        var (doc, updates) = NewDoc(1);
        var text = doc.GetText("t");

        text.Insert(0, "abc");
        Assert.Equal("01010100040101740361626300", Hex.Of(updates[0]));

        text.Insert(3, "de");
        Assert.Equal(Hex.Of(Hex.Parse("01 01 01 00 04 01 01 74 05 61 62 63 64 65 00")), Hex.Of(doc.EncodeStateAsUpdate()));
    }

    [Fact]
    public void Incremental_updates_and_the_full_state_of_insert_insert_delete()
    {
        var (doc, updates) = NewDoc(1);
        var text = doc.GetText("t");

        text.Insert(0, "abc");
        text.Insert(1, "X");
        text.Delete(0, 1);

        Assert.Equal(Hex.Of(Hex.Parse("01 01 01 00 04 01 01 74 03 61 62 63 00")), Hex.Of(updates[0]));
        Assert.Equal(Hex.Of(Hex.Parse("01 01 01 03 c4 01 00 01 01 01 58 00")), Hex.Of(updates[1]));
        Assert.Equal(Hex.Of(Hex.Parse("00 01 01 01 00 01")), Hex.Of(updates[2]));
        var full = doc.EncodeStateAsUpdate();
        Assert.Equal(Hex.Of(Hex.Parse("01 03 01 00 | 01 01 01 74 01 | 84 01 00 02 62 63 | c4 01 00 01 01 01 58 | 01 01 01 00 01")), Hex.Of(full));
        Assert.Equal("Xbc", text.ToString());
        Assert.Equal("010104", Hex.Of(doc.EncodeStateVector()));
        AssertRoundTrips(full);
    }

    [Fact]
    public void Map_sets_and_an_overwrite()
    {
        var (doc, _) = NewDoc(7);
        var map = doc.GetMap("m");

        map.Set("a", 1);
        map.Set("b", "x");
        map.Set("c", new OrderedDictionary<string, object?> { ["k"] = new List<object?> { true, null, 1.5 } });
        map.Set("a", 2);

        var expected = Hex.Parse("""
            01 04 07 00
            21 01 01 6d 01 61 01
            28 01 01 6d 01 62 01 77 01 78
            28 01 01 6d 01 63 01 76 01 01 6b 75 03 78 7e 7c 3f c0 00 00
            a8 07 00 01 7d 02
            01 07 01 00 01
            """);
        var full = doc.EncodeStateAsUpdate();
        Assert.Equal(Hex.Of(expected), Hex.Of(full));
        Assert.Equal(2L, ToLong(map.Get("a")));
        AssertRoundTrips(full);
    }

    private static long ToLong(object? value) => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Array_of_mixed_values_packs_json_runs()
    {
        var (doc, _) = NewDoc(2);
        var array = doc.GetArray("a");

        array.Insert(0, 1, "two", new byte[] { 9, 8 }, new YMap(), -5, Math.Pow(2, 40), 0.1, null, true,
            new List<object?> { 1, new OrderedDictionary<string, object?>() });

        var expected = Hex.Parse("""
            01 04 02 00
            08 01 01 61 02 7d 01 77 03 74 77 6f
            83 02 01 02 09 08
            87 02 02 01
            88 02 03 06 7d 45 7c 53 80 00 00 7b 3f b9 99 99 99 99 99 9a 7e 78 75 02 7d 01 76 00
            00
            """);
        var full = doc.EncodeStateAsUpdate();
        Assert.Equal(Hex.Of(expected), Hex.Of(full));
        Assert.Equal(10, array.Length);
        AssertRoundTrips(full);
    }

    [Fact]
    public void Rich_text_with_format_and_embed()
    {
        var (doc, _) = NewDoc(3);
        var text = doc.GetText("t");

        text.Insert(0, "hello");
        text.Format(1, 2, new Dictionary<string, object?> { ["bold"] = true });
        text.InsertEmbed(5, new OrderedDictionary<string, object?> { ["image"] = "x.png" });

        var expected = Hex.Parse("""
            01 06 03 00
            04 01 01 74 01 68
            84 03 00 02 65 6c
            84 03 02 02 6c 6f
            c6 03 00 03 01 04 62 6f 6c 64 04 74 72 75 65
            c6 03 02 03 03 04 62 6f 6c 64 04 6e 75 6c 6c
            85 03 04 11 7b22696d616765223a22782e706e67227d
            00
            """);
        var full = doc.EncodeStateAsUpdate();
        Assert.Equal(Hex.Of(expected), Hex.Of(full));
        var delta = text.ToDelta();
        Assert.Equal(4, delta.Count);
        Assert.Equal("h", delta[0].Insert![0]);
        Assert.Equal("el", delta[1].Insert![0]);
        Assert.Equal(true, delta[1].Attributes!["bold"]);
        Assert.Equal("lo", delta[2].Insert![0]);
        Assert.Null(delta[2].Attributes);
        Assert.Equal("x.png", ((IDictionary<string, object?>)delta[3].Insert![0]!)["image"]);
        AssertRoundTrips(full);
    }

    [Fact]
    public void Xml_element_with_attribute_and_text()
    {
        var (doc, _) = NewDoc(4);
        var fragment = doc.GetXmlFragment("x");
        var paragraph = new YXmlElement("p");
        paragraph.SetAttribute("class", "c1");
        var hi = new YXmlText();
        hi.Insert(0, "hi");
        paragraph.Insert(0, hi);

        fragment.Insert(0, paragraph);

        var expected = Hex.Parse("""
            01 04 04 00
            07 01 01 78 03 01 70
            07 00 04 00 06
            04 00 04 01 02 68 69
            28 00 04 00 05 63 6c 61 73 73 01 77 02 63 31
            00
            """);
        var full = doc.EncodeStateAsUpdate();
        Assert.Equal(Hex.Of(expected), Hex.Of(full));
        Assert.Equal("<p class=\"c1\">hi</p>", fragment.ToString());
        AssertRoundTrips(full);
    }

    [Fact]
    public void Subdocument_in_a_map()
    {
        var (doc, _) = NewDoc(5);
        doc.GetMap("m").Set("sub", new Doc(guid: "g1"));

        var state = doc.EncodeStateAsUpdate();
        Assert.Equal(Hex.Of(Hex.Parse("01 01 05 00 29 01 01 6d 03 73 75 62 02 67 31 76 00 00")), Hex.Of(state));
        AssertRoundTrips(state);
        var copy = new Doc(6);
        copy.ApplyUpdate(state);
        Assert.Equal("g1", Assert.IsType<Doc>(copy.GetMap("m").Get("sub")).Guid);
    }

    [Fact]
    public void A_deleted_nested_type_is_collected()
    {
        var (doc, _) = NewDoc(6);
        var array = doc.GetArray("a");
        var map = new YMap();
        array.Insert(0, map);
        map.Set("k", "v");
        array.Delete(0, 1);

        var full = doc.EncodeStateAsUpdate();
        Assert.Equal(Hex.Of(Hex.Parse("01 02 06 00 | 01 01 01 61 01 | 00 01 | 01 06 01 00 02")), Hex.Of(full));
        AssertRoundTrips(full);
    }

    [Fact]
    public void Big_client_ids_and_surrogate_pairs()
    {
        var (doc, _) = NewDoc(0xFFFFFFFF);
        doc.GetText("t").Insert(0, "€😀");

        Assert.Equal(Hex.Of(Hex.Parse("01 01 ff ff ff ff 0f 00 04 01 01 74 07 e2 82 ac f0 9f 98 80 00")), Hex.Of(doc.EncodeStateAsUpdate()));
        Assert.Equal(3, doc.GetText("t").Length);
    }

    [Fact]
    public void Clients_are_written_in_descending_order()
    {
        var doc = new Doc(1);
        foreach (var (client, letter) in new[] { (3UL, "x"), (300UL, "y"), (70000UL, "z") })
        {
            var peer = new Doc(client);
            peer.GetText("t").Insert(0, letter);
            doc.ApplyUpdate(peer.EncodeStateAsUpdate());
        }

        Assert.Equal(Hex.Of(Hex.Parse("03 | 01 f0 a2 04 00 04 01 01 74 01 7a | 01 ac 02 00 04 01 01 74 01 79 | 01 03 00 04 01 01 74 01 78 | 00")), Hex.Of(doc.EncodeStateAsUpdate()));
        Assert.Equal(Hex.Of(Hex.Parse("03 f0 a2 04 01 ac 02 01 03 01")), Hex.Of(doc.EncodeStateVector()));
        Assert.Equal("0000", Hex.Of(new Doc(1).EncodeStateAsUpdate()));
        Assert.Equal("00", Hex.Of(new Doc(1).EncodeStateVector()));
    }

    private static readonly byte[] U0 = Hex.Parse("01 01 0a 00 04 01 01 74 02 61 62 00");
    private static readonly byte[] U1 = Hex.Parse("01 01 0a 02 84 0a 01 02 63 64 00");
    private static readonly byte[] U2 = Hex.Parse("01 01 0a 04 44 0a 00 01 5a 00");
    private static readonly byte[] U3 = Hex.Parse("00 01 0a 01 00 01");

    [Fact]
    public void Merging_updates_matches_yjs()
    {
        var ab = Hex.Of(Hex.Parse("01 02 0a 00 04 01 01 74 02 61 62 84 0a 01 02 63 64 00"));
        Assert.Equal(ab, Hex.Of(YUpdate.Merge([U0, U1])));
        Assert.Equal(ab, Hex.Of(YUpdate.Merge([U1, U0])));
        Assert.Equal(Hex.Of(Hex.Parse("01 03 0a 00 04 01 01 74 02 61 62 84 0a 01 02 63 64 44 0a 00 01 5a 01 0a 01 00 01")), Hex.Of(YUpdate.Merge([U0, U1, U2, U3])));
        Assert.Equal(Hex.Of(Hex.Parse("01 03 0a 00 04 01 01 74 02 61 62 0a 02 44 0a 00 01 5a 00")), Hex.Of(YUpdate.Merge([U0, U2])));
        Assert.Same(U0, YUpdate.Merge([U0]));
    }

    [Fact]
    public void Diff_and_state_vector_of_updates_match_yjs()
    {
        var all = YUpdate.Merge([U0, U1, U2, U3]);
        Assert.Equal(Hex.Of(Hex.Parse("01 03 0a 01 84 0a 00 01 62 84 0a 01 02 63 64 44 0a 00 01 5a 01 0a 01 00 01")), Hex.Of(YUpdate.Diff(all, Hex.Parse("01 0a 01"))));
        Assert.Equal("010a02", Hex.Of(YUpdate.EncodeStateVectorFromUpdate(YUpdate.Merge([U0, U2]))));
        Assert.Equal("00", Hex.Of(YUpdate.EncodeStateVectorFromUpdate(U2)));
        var meta = YUpdate.ParseMeta(all);
        Assert.Equal(0, meta.From[10]);
        Assert.Equal(5, meta.To[10]);
    }

    [Fact]
    public void Out_of_order_updates_wait_and_then_apply()
    {
        var source = new Doc(1);
        var updates = new List<byte[]>();
        source.Update += (update, _, _) => updates.Add(update);
        var text = source.GetText("t");
        text.Insert(0, "abc");
        text.Insert(1, "X");
        text.Delete(0, 1);

        var target = new Doc(2);
        target.ApplyUpdate(updates[2]);
        target.ApplyUpdate(updates[1]);
        Assert.Equal("", target.GetText("t").ToString());
        Assert.Equal("00", Hex.Of(target.EncodeStateVector()));

        target.ApplyUpdate(updates[0]);
        Assert.Equal("Xbc", target.GetText("t").ToString());
        Assert.Equal(Hex.Of(source.EncodeStateAsUpdate()), Hex.Of(target.EncodeStateAsUpdate()));
    }
}
