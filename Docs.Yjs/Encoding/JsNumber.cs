using System.Globalization;

namespace Docs.Yjs.Encoding;

/// <summary>.NET numbers seen as JavaScript numbers (doubles), and formatted as JavaScript formats them.</summary>
public static class JsNumber
{
    public static bool TryGet(object? value, out double number)
    {
        switch (value)
        {
            case double d: number = d; return true;
            case float f: number = f; return true;
            case int i: number = i; return true;
            case long l: number = l; return true;
            case short s: number = s; return true;
            case byte b: number = b; return true;
            case sbyte sb: number = sb; return true;
            case ushort us: number = us; return true;
            case uint ui: number = ui; return true;
            case ulong ul: number = ul; return true;
            case decimal m: number = (double)m; return true;
            default: number = 0; return false;
        }
    }

    /// <summary><c>Number.prototype.toString()</c>: shortest round-trip digits, exponent past 1e21 and below 1e-6.</summary>
    public static string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }
        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        if (value == 0)
        {
            return "0";
        }
        // .NET's "R" gives the same shortest round-trip digits as JavaScript; only the layout differs.
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = value < 0;
        var text = negative ? shortest[1..] : shortest;
        var e = text.IndexOfAny(['E', 'e']);
        var mantissa = e >= 0 ? text[..e] : text;
        var exp = e >= 0 ? int.Parse(text[(e + 1)..], CultureInfo.InvariantCulture) : 0;
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot >= 0 ? mantissa[..dot] : mantissa;
        var fracPart = dot >= 0 ? mantissa[(dot + 1)..] : "";
        var allDigits = intPart + fracPart;
        var significant = allDigits.TrimStart('0');
        // n: where the decimal point falls, counted from the first significant digit (ECMA-262 Number::toString).
        var n = intPart.Length + exp - (allDigits.Length - significant.Length);
        var digits = significant.TrimEnd('0');
        if (digits.Length == 0)
        {
            return "0";
        }
        var k = digits.Length;
        string result;
        if (k <= n && n <= 21)
        {
            result = digits + new string('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            result = digits[..n] + "." + digits[n..];
        }
        else if (-6 < n && n <= 0)
        {
            result = "0." + new string('0', -n) + digits;
        }
        else
        {
            var exponentText = (n - 1 >= 0 ? "+" : "-") + Math.Abs(n - 1).ToString(CultureInfo.InvariantCulture);
            result = k == 1 ? digits + "e" + exponentText : digits[..1] + "." + digits[1..] + "e" + exponentText;
        }
        return negative ? "-" + result : result;
    }
}
