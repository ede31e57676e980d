namespace Konfig.Rewrite.Diffs;

/// <summary>One step of an edit script: keep, delete or insert one line.</summary>
public enum EditKind
{
    Equal,
    Delete,
    Insert,
}

/// <summary>An edit; <see cref="OldIndex"/>/<see cref="NewIndex"/> are 0-based line indexes (the side it does not touch holds where it would be).</summary>
public readonly record struct LineEdit(EditKind Kind, int OldIndex, int NewIndex);

/// <summary>
/// The shortest edit script between two line lists, by Myers' O((N+M)·D) algorithm, after the common
/// prefix and suffix are set aside (a rewrite changes few lines of a file, so D stays small and the
/// search is quick). Lines compare ordinally, line terminators included.
/// </summary>
public static class LineDiff
{
    public static IReadOnlyList<LineEdit> Compute(IReadOnlyList<string> oldLines, IReadOnlyList<string> newLines)
    {
        ArgumentNullException.ThrowIfNull(oldLines);
        ArgumentNullException.ThrowIfNull(newLines);
        var prefix = 0;
        while (prefix < oldLines.Count && prefix < newLines.Count && Same(oldLines[prefix], newLines[prefix]))
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < oldLines.Count - prefix && suffix < newLines.Count - prefix
            && Same(oldLines[oldLines.Count - 1 - suffix], newLines[newLines.Count - 1 - suffix]))
        {
            suffix++;
        }

        var edits = new List<LineEdit>(Math.Max(oldLines.Count, newLines.Count) + 1);
        for (var i = 0; i < prefix; i++)
        {
            edits.Add(new LineEdit(EditKind.Equal, i, i));
        }

        Middle(oldLines, newLines, prefix, oldLines.Count - suffix, prefix, newLines.Count - suffix, edits);
        for (var i = suffix; i > 0; i--)
        {
            edits.Add(new LineEdit(EditKind.Equal, oldLines.Count - i, newLines.Count - i));
        }

        return edits;
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.Ordinal);

    /// <summary>
    /// Past this many differing lines the search stops and the rest is shown as one replacement: still a correct
    /// diff, just not the shortest, so that two unrelated large files cost neither minutes nor gigabytes.
    /// </summary>
    internal const int MaxEditDistance = 2048;

    /// <summary>Myers' greedy forward search over old[aStart..aEnd) and new[bStart..bEnd), keeping each round's frontier to walk back.</summary>
    private static void Middle(IReadOnlyList<string> a, IReadOnlyList<string> b, int aStart, int aEnd, int bStart, int bEnd, List<LineEdit> edits)
    {
        var n = aEnd - aStart;
        var m = bEnd - bStart;
        var max = Math.Min(n + m, MaxEditDistance);
        var offset = max + 1;
        var frontier = new int[(2 * max) + 3];

        // trace[d] holds the frontier before round d, for diagonals -d..d only (index k + d).
        var trace = new List<int[]>();
        var found = n + m == 0;
        for (var d = 0; d <= max && !found; d++)
        {
            trace.Add(frontier.AsSpan(offset - d, (2 * d) + 1).ToArray());
            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && frontier[offset + k - 1] < frontier[offset + k + 1])
                    ? frontier[offset + k + 1]
                    : frontier[offset + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && Same(a[aStart + x], b[bStart + y]))
                {
                    x++;
                    y++;
                }

                frontier[offset + k] = x;
                if (x >= n && y >= m)
                {
                    found = true;
                    break;
                }
            }
        }

        if (!found)
        {
            for (var i = 0; i < n; i++)
            {
                edits.Add(new LineEdit(EditKind.Delete, aStart + i, bStart));
            }

            for (var j = 0; j < m; j++)
            {
                edits.Add(new LineEdit(EditKind.Insert, aEnd, bStart + j));
            }

            return;
        }

        // Walk back from (n, m) through the saved frontiers, collecting the edits in reverse.
        var reversed = new List<LineEdit>();
        int cx = n, cy = m;
        for (var d = trace.Count - 1; d >= 0 && (cx > 0 || cy > 0); d--)
        {
            var v = trace[d];
            var k = cx - cy;
            var down = k == -d || (k != d && v[k - 1 + d] < v[k + 1 + d]);
            var previousK = down ? k + 1 : k - 1;
            var previousX = d == 0 ? 0 : v[previousK + d];
            var previousY = d == 0 ? 0 : previousX - previousK;
            while (cx > previousX && cy > previousY)
            {
                cx--;
                cy--;
                reversed.Add(new LineEdit(EditKind.Equal, aStart + cx, bStart + cy));
            }

            if (d > 0)
            {
                if (down)
                {
                    cy--;
                    reversed.Add(new LineEdit(EditKind.Insert, aStart + cx, bStart + cy));
                }
                else
                {
                    cx--;
                    reversed.Add(new LineEdit(EditKind.Delete, aStart + cx, bStart + cy));
                }
            }
        }

        reversed.Reverse();
        edits.AddRange(reversed);
    }
}
