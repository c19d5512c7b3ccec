using System.Globalization;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Docs.Content.Docx;

/// <summary>
/// Word's real lists: one bullet definition shared by every bulleted item, and for each numbered list a
/// numbering instance of its own that restarts at the list's first number.
/// </summary>
internal sealed class DocxNumbering
{
    public const int MaxLevel = 8;
    private const int BulletDefinition = 1;
    private const int DecimalDefinition = 2;
    private const int BulletInstance = 1;

    private static readonly string[] Bullets = ["•", "◦", "▪"];
    private static readonly NumberFormatValues[] Formats = [NumberFormatValues.Decimal, NumberFormatValues.LowerLetter, NumberFormatValues.LowerRoman];

    private readonly List<NumberingInstance> _instances = [new NumberingInstance(new AbstractNumId { Val = BulletDefinition }) { NumberID = BulletInstance }];

    public static int Bullet => BulletInstance;

    /// <summary>A new numbered list whose items at <paramref name="level"/> count from <paramref name="start"/>.</summary>
    public int StartNumberedList(int level, int start)
    {
        var id = _instances.Count + 1;
        _instances.Add(new NumberingInstance(
            new AbstractNumId { Val = DecimalDefinition },
            new LevelOverride(new StartOverrideNumberingValue { Val = Math.Max(start, 0) }) { LevelIndex = level })
        {
            NumberID = id,
        });
        return id;
    }

    public Numbering ToNumbering()
    {
        var numbering = new Numbering(Definition(BulletDefinition, bulleted: true), Definition(DecimalDefinition, bulleted: false));
        foreach (var instance in _instances)
        {
            numbering.Append(instance);
        }
        return numbering;
    }

    public static NumberingProperties Properties(int instance, int level) =>
        new(new NumberingLevelReference { Val = Math.Clamp(level, 0, MaxLevel) }, new NumberingId { Val = instance });

    private static AbstractNum Definition(int id, bool bulleted)
    {
        var definition = new AbstractNum(new MultiLevelType { Val = MultiLevelValues.HybridMultilevel }) { AbstractNumberId = id };
        for (var level = 0; level <= MaxLevel; level++)
        {
            var text = bulleted ? Bullets[level % Bullets.Length] : $"%{level + 1}.";
            definition.Append(new Level(
                new StartNumberingValue { Val = 1 },
                new NumberingFormat { Val = bulleted ? NumberFormatValues.Bullet : Formats[level % Formats.Length] },
                new LevelText { Val = text },
                new LevelJustification { Val = LevelJustificationValues.Left },
                new PreviousParagraphProperties(new Indentation
                {
                    Left = (720 * (level + 1)).ToString(CultureInfo.InvariantCulture),
                    Hanging = "360",
                }))
            {
                LevelIndex = level,
            });
        }
        return definition;
    }
}
