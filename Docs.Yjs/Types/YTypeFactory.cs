using Docs.Yjs.Encoding;

namespace Docs.Yjs.Types;

/// <summary>Creates the type named by a ContentType's type ref.</summary>
internal static class YTypeFactory
{
    public static AbstractType Read(UpdateDecoder decoder)
    {
        var typeRef = decoder.ReadTypeRef();
        return typeRef switch
        {
            YArray.TypeRef => new YArray(),
            YMap.TypeRef => new YMap(),
            YText.TypeRef => new YText(),
            YXmlElement.TypeRef => new YXmlElement(decoder.ReadKey()),
            YXmlFragment.TypeRef => new YXmlFragment(),
            YXmlHook.TypeRef => new YXmlHook(decoder.ReadKey()),
            YXmlText.TypeRef => new YXmlText(),
            _ => throw new YjsDecodingException($"Unknown type ref {typeRef} (7, 9 and 15 are yrs extensions that yjs cannot read)."),
        };
    }
}
