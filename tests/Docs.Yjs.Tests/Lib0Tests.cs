using System.Numerics;
using Docs.Yjs.Encoding;

namespace Docs.Yjs.Tests;

/// <summary>lib0's primitive encodings against golden vectors produced by lib0 0.2.120.</summary>
public sealed class Lib0Tests
{
    [Theory]
    [InlineData(0UL, "00")]
    [InlineData(1UL, "01")]
    [InlineData(127UL, "7f")]
    [InlineData(128UL, "8001")]
    [InlineData(300UL, "ac02")]
    [InlineData(16383UL, "ff7f")]
    [InlineData(16384UL, "808001")]
    [InlineData(4294967295UL, "ffffffff0f")]
    [InlineData(9007199254740991UL, "ffffffffffffff0f")]
    public void Var_uint_matches_lib0(ulong value, string hex)
    {
        var writer = new Lib0Writer();
        writer.WriteVarUint(value);
        Assert.Equal(hex, Hex.Of(writer.ToArray()));
        Assert.Equal(value, new Lib0Reader(Hex.Parse(hex)).ReadVarUint());
    }

    [Theory]
    [InlineData(0L, "00")]
    [InlineData(1L, "01")]
    [InlineData(-1L, "41")]
    [InlineData(63L, "3f")]
    [InlineData(64L, "8001")]
    [InlineData(-64L, "c001")]
    [InlineData(-65L, "c101")]
    [InlineData(8191L, "bf7f")]
    [InlineData(8192L, "808001")]
    [InlineData(-5L, "45")]
    [InlineData(2147483647L, "bfffffff0f")]
    [InlineData(-2147483648L, "c080808010")]
    public void Var_int_matches_lib0(long value, string hex)
    {
        var writer = new Lib0Writer();
        writer.WriteVarInt(value);
        Assert.Equal(hex, Hex.Of(writer.ToArray()));
        Assert.Equal(value, new Lib0Reader(Hex.Parse(hex)).ReadVarInt());
    }

    [Fact]
    public void Negative_zero_is_its_own_var_int()
    {
        var writer = new Lib0Writer();
        writer.WriteVarInt(0, negativeZero: true);
        Assert.Equal("40", Hex.Of(writer.ToArray()));
        new Lib0Reader([0x40]).ReadVarInt(out var negativeZero);
        Assert.True(negativeZero);
    }

    [Theory]
    [InlineData("", "00")]
    [InlineData("a", "0161")]
    [InlineData("é", "02c3a9")]
    [InlineData("€", "03e282ac")]
    [InlineData("😀", "04f09f9880")]
    public void Strings_are_utf8(string value, string hex)
    {
        var writer = new Lib0Writer();
        writer.WriteString(value);
        Assert.Equal(hex, Hex.Of(writer.ToArray()));
        Assert.Equal(value, new Lib0Reader(Hex.Parse(hex)).ReadString());
    }

    [Fact]
    public void A_lone_surrogate_becomes_the_replacement_character_as_text_encoder_does()
    {
        var writer = new Lib0Writer();
        writer.WriteString(new string('\ud800', 1));
        Assert.Equal("03efbfbd", Hex.Of(writer.ToArray()));
    }

    public static TheoryData<object?, string> AnyVectors => new()
    {
        { YUndefined.Value, "7f" },
        { null, "7e" },
        { 0, "7d00" },
        { -1, "7d41" },
        { 2147483647, "7dbfffffff0f" },
        { 2147483648L, "7c4f000000" },
        { 1.5, "7c3fc00000" },
        { 0.1, "7b3fb999999999999a" },
        { 1e300, "7b7e37e43c8800759c" },
        { -0.0, "7d40" },
        { new BigInteger(10), "7a000000000000000a" },
        { false, "79" },
        { true, "78" },
        { "hi", "77026869" },
        { new List<object?>(), "7500" },
        { new byte[] { 1, 2 }, "74020102" },
        { double.NaN, "7b7ff8000000000000" },
        { double.PositiveInfinity, "7c7f800000" },
    };

    [Theory]
    [MemberData(nameof(AnyVectors))]
    public void Any_picks_the_encoding_lib0_picks(object? value, string hex)
    {
        var writer = new Lib0Writer();
        writer.WriteAny(value);
        Assert.Equal(hex, Hex.Of(writer.ToArray()));
    }

    [Fact]
    public void Objects_keep_their_key_order_both_ways()
    {
        var value = new OrderedDictionary<string, object?> { ["a"] = 1, ["b"] = new List<object?> { null } };
        var writer = new Lib0Writer();
        writer.WriteAny(value);
        Assert.Equal("760201617d0101627501 7e".Replace(" ", "", StringComparison.Ordinal), Hex.Of(writer.ToArray()));

        var read = Assert.IsType<OrderedDictionary<string, object?>>(new Lib0Reader(writer.ToArray()).ReadAny());
        Assert.Equal(["a", "b"], read.Keys);
        Assert.Equal(1L, read["a"]);
    }

    [Theory]
    [InlineData("")]                       // nothing at all
    [InlineData("80")]                     // a continuation that never ends
    [InlineData("ffffffffffffffff01")]     // more than 8 groups
    [InlineData("0580")]                   // a string longer than its input
    [InlineData("75ffffffff07")]           // an array claiming 2^31 elements
    [InlineData("99")]                     // an unknown Any tag
    public void Malformed_input_throws_the_documented_exception(string hex)
    {
        var reader = new Lib0Reader(Hex.Parse(hex));
        Assert.Throws<YjsDecodingException>(() =>
        {
            if (hex.StartsWith("05", StringComparison.Ordinal))
            {
                reader.ReadString();
            }
            else if (hex.Length > 0 && !hex.StartsWith('8') && !hex.StartsWith('f'))
            {
                reader.ReadAny();
            }
            else
            {
                reader.ReadVarUint();
            }
        });
    }

    [Fact]
    public void Deep_nesting_is_refused()
    {
        var bytes = Enumerable.Repeat(new byte[] { 0x75, 0x01 }, 500).SelectMany(b => b).Append((byte)0x7e).ToArray();
        Assert.Throws<YjsDecodingException>(() => new Lib0Reader(bytes).ReadAny());
    }

    [Theory]
    [InlineData(1e21, "1e+21")]
    [InlineData(0.1, "0.1")]
    [InlineData(123.0, "123")]
    [InlineData(-0.0, "0")]
    [InlineData(1.5e-7, "1.5e-7")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(123456789012345680000.0, "123456789012345680000")]
    [InlineData(5e-324, "5e-324")]
    public void Numbers_format_as_javascript_does(double value, string expected) =>
        Assert.Equal(expected, JsNumber.Format(value));

    [Fact]
    public void Json_stringify_escapes_as_javascript_does()
    {
        var value = new OrderedDictionary<string, object?> { ["b"] = "q\"\\\n\u0001\ud800", ["a"] = 1.5, ["u"] = YUndefined.Value, ["n"] = new List<object?> { YUndefined.Value, double.NaN } };
        Assert.Equal("{\"b\":\"q\\\"\\\\\\n\\u0001\\ud800\",\"a\":1.5,\"n\":[null,null]}", JsJson.Stringify(value));
    }
}
