using System.Globalization;
using System.Text;
using Konfig.Kcl.Values;
using static Konfig.Kcl.Modules.KclValues;

namespace Konfig.Kcl.Modules;

/// <summary>The <c>datetime</c> module with chrono's <c>strftime</c> directives.</summary>
internal static class DateTimeModule
{
    private static readonly string[] Days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    public static void Register(ModuleBuilder m)
    {
        m.Function("today", (c, _) => Str(Format(Now(c), "%Y-%m-%d %H:%M:%S.%6f")));
        m.Function("now", (c, a) => Str(Format(Now(c), a.GetString(0, "format") ?? "%a %b %d %H:%M:%S %Y")));
        m.Function("ticks", (c, _) => Float(c.Clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0));
        m.Function("date", (c, _) => Str(Format(Now(c), "%Y-%m-%d %H:%M:%S")));
        m.Function("validate", a =>
        {
            var date = a.GetString(0, "date") ?? throw new KclRuntimeException("validate() takes 2 positional arguments (0 given)");
            var format = a.GetString(1, "format") ?? throw new KclRuntimeException("validate() takes 2 positional arguments (1 given)");
            return Bool(TryParse(date, format));
        });
    }

    private static DateTimeOffset Now(CallContext context) => context.Clock.GetLocalNow();

    public static string Format(DateTimeOffset time, string format)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c != '%' || i + 1 >= format.Length)
            {
                builder.Append(c);
                continue;
            }

            var directive = format[++i];
            var width = 0;
            if (char.IsAsciiDigit(directive) && i + 1 < format.Length)
            {
                width = directive - '0';
                directive = format[++i];
            }

            builder.Append(directive switch
            {
                'Y' => time.Year.ToString("0000", CultureInfo.InvariantCulture),
                'y' => (time.Year % 100).ToString("00", CultureInfo.InvariantCulture),
                'm' => time.Month.ToString("00", CultureInfo.InvariantCulture),
                'd' => time.Day.ToString("00", CultureInfo.InvariantCulture),
                'e' => time.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2),
                'H' => time.Hour.ToString("00", CultureInfo.InvariantCulture),
                'I' => ((time.Hour + 11) % 12 + 1).ToString("00", CultureInfo.InvariantCulture),
                'M' => time.Minute.ToString("00", CultureInfo.InvariantCulture),
                'S' => time.Second.ToString("00", CultureInfo.InvariantCulture),
                'p' => time.Hour < 12 ? "AM" : "PM",
                'a' => Days[(int)time.DayOfWeek],
                'A' => time.DayOfWeek.ToString(),
                'b' or 'h' => Months[time.Month - 1],
                'B' => CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(time.Month),
                'j' => time.DayOfYear.ToString("000", CultureInfo.InvariantCulture),
                'f' => Fraction(time, width == 0 ? 9 : width),
                'z' => (time.Offset < TimeSpan.Zero ? "-" : "+") + time.Offset.ToString("hhmm", CultureInfo.InvariantCulture),
                'Z' => time.Offset == TimeSpan.Zero ? "UTC" : (time.Offset < TimeSpan.Zero ? "-" : "+") + time.Offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture),
                's' => time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                'T' => Format(time, "%H:%M:%S"),
                'D' => Format(time, "%m/%d/%y"),
                'F' => Format(time, "%Y-%m-%d"),
                'R' => Format(time, "%H:%M"),
                'c' => Format(time, "%a %b %e %H:%M:%S %Y"),
                'n' => "\n",
                't' => "\t",
                '%' => "%",
                _ => "%" + directive,
            });
        }

        return builder.ToString();
    }

    private static string Fraction(DateTimeOffset time, int digits)
    {
        var nanoseconds = (time.Ticks % TimeSpan.TicksPerSecond) * 100;
        return nanoseconds.ToString("000000000", CultureInfo.InvariantCulture)[..Math.Min(digits, 9)];
    }

    /// <summary>Whether <paramref name="text"/> is a complete, valid date/time in <paramref name="format"/> (chrono's parse).</summary>
    public static bool TryParse(string text, string format)
    {
        int year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0;
        var position = 0;
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c != '%' || i + 1 >= format.Length)
            {
                if (char.IsWhiteSpace(c))
                {
                    while (position < text.Length && char.IsWhiteSpace(text[position]))
                    {
                        position++;
                    }

                    continue;
                }

                if (position >= text.Length || text[position] != c)
                {
                    return false;
                }

                position++;
                continue;
            }

            var directive = format[++i];
            bool ok;
            switch (directive)
            {
                case 'Y':
                    ok = Number(text, ref position, 1, 4, out year, allowSign: true);
                    break;
                case 'm':
                    ok = Number(text, ref position, 1, 2, out month);
                    break;
                case 'd':
                case 'e':
                    ok = Number(text, ref position, 1, 2, out day);
                    break;
                case 'H':
                    ok = Number(text, ref position, 1, 2, out hour);
                    break;
                case 'M':
                    ok = Number(text, ref position, 1, 2, out minute);
                    break;
                case 'S':
                    ok = Number(text, ref position, 1, 2, out second);
                    break;
                case 'y':
                    ok = Number(text, ref position, 1, 2, out var shortYear);
                    year = shortYear < 70 ? 2000 + shortYear : 1900 + shortYear;
                    break;
                case 'a':
                    ok = Word(text, ref position, Days);
                    break;
                case 'b':
                case 'h':
                {
                    var start = position;
                    ok = Word(text, ref position, Months);
                    if (ok)
                    {
                        month = Array.IndexOf(Months, text.Substring(start, 3)) + 1;
                    }

                    break;
                }

                case 'f':
                    ok = Number(text, ref position, 1, 9, out _);
                    break;
                case '%':
                    ok = position < text.Length && text[position++] == '%';
                    break;
                default:
                    return false;
            }

            if (!ok)
            {
                return false;
            }
        }

        if (position != text.Length)
        {
            return false;
        }

        return month is >= 1 and <= 12 && day >= 1 && year is >= 1 and <= 9999 && day <= DateTime.DaysInMonth(year, month)
            && hour < 24 && minute < 60 && second < 61;
    }

    private static bool Number(string text, ref int position, int min, int max, out int value, bool allowSign = false)
    {
        value = 0;
        var start = position;
        if (allowSign && position < text.Length && (text[position] == '+' || text[position] == '-'))
        {
            position++;
        }

        var digits = 0;
        while (position < text.Length && digits < max && char.IsAsciiDigit(text[position]))
        {
            value = (value * 10) + (text[position] - '0');
            position++;
            digits++;
        }

        if (digits < min)
        {
            position = start;
            return false;
        }

        return true;
    }

    private static bool Word(string text, ref int position, string[] words)
    {
        foreach (var word in words)
        {
            if (string.Compare(text, position, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0)
            {
                position += word.Length;
                return true;
            }
        }

        return false;
    }
}
