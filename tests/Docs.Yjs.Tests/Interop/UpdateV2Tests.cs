using Docs.Testing;
using System.Text.Json;
using Docs.Yjs.Updates;

namespace Docs.Yjs.Tests.Interop;

/// <summary>Updates in yjs's v2 format (which some clients send) read as yjs reads them.</summary>
public sealed class UpdateV2Tests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void V2_updates_convert_to_the_v1_bytes_yjs_converts_them_to(int seed)
    {
        using var fixture = JsonDocument.Parse(NodeInterop.RunScript("gen-v2.mjs", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "6", "150"));
        var converted = 0;
        foreach (var document in fixture.RootElement.EnumerateArray())
        {
            var doc = new Doc(99, gc: document.GetProperty("gc").GetBoolean());
            foreach (var update in document.GetProperty("updates").EnumerateArray())
            {
                var v2 = Convert.FromHexString(update.GetProperty("v2").GetString()!);
                Assert.Equal(update.GetProperty("v1").GetString(), Hex.Of(YUpdate.ConvertV2ToV1(v2)));
                doc.ApplyUpdateV2(v2);
                converted++;
            }
            Assert.Equal(document.GetProperty("state").GetString(), Hex.Of(doc.EncodeStateAsUpdate()));
        }
        Assert.True(converted > 600);
    }
}
