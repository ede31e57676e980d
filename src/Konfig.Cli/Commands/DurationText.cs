using System.Globalization;

namespace Konfig.Cli.Commands;

/// <summary>Durations as kubectl writes them: <c>90s</c>, <c>5m</c>, <c>1h30m</c>, <c>500ms</c> (units ms, s, m, h; parts add up).</summary>
internal static class DurationText
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var position = 0;
        while (position < text.Length)
        {
            var start = position;
            while (position < text.Length && (char.IsAsciiDigit(text[position]) || text[position] == '.'))
            {
                position++;
            }

            if (!double.TryParse(text.AsSpan(start, position - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                return false;
            }

            var unitStart = position;
            while (position < text.Length && char.IsAsciiLetter(text[position]))
            {
                position++;
            }

            var milliseconds = text[unitStart..position] switch
            {
                "ms" => 1.0,
                "s" => 1000.0,
                "m" => 60_000.0,
                "h" => 3_600_000.0,
                _ => double.NaN,
            };
            if (double.IsNaN(milliseconds))
            {
                return false;
            }

            duration += TimeSpan.FromMilliseconds(amount * milliseconds);
        }

        return text.Length > 0 && duration > TimeSpan.Zero;
    }
}
