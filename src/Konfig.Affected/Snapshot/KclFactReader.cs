using Konfig.Kcl.Parsing;
using Konfig.Kcl.Syntax;
using Konfig.Kcl.Text;

namespace Konfig.Affected.Snapshot;

/// <summary>
/// Reads a <c>.k</c> file's dependencies with our own parser: its import statements, and its calls into
/// the <c>file</c> module (found in the token stream: <c>file.read("data.json")</c>). A file with syntax
/// errors still yields the imports the parser recovered; the file itself is what changed, so whatever
/// depends on it is affected anyway.
/// </summary>
public static class KclFactReader
{
    private const string FileModule = "file";

    // file-module functions whose result depends on one path's content or presence.
    private static readonly HashSet<string> PathFunctions = new(StringComparer.Ordinal) { "read", "readbase64", "exists", "abs" };

    // file-module functions that look at paths no literal names.
    private static readonly HashSet<string> OpenEndedFunctions = new(StringComparer.Ordinal) { "glob" };

    public static KclFileFacts Read(string path, string text)
    {
        var parsed = KclParser.Parse(new SourceFile(path, text));
        var imports = new List<string>();
        var fileModuleNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var import in parsed.Module.Body.OfType<ImportStatement>())
        {
            imports.Add(import.Path);
            if (import.Path == FileModule)
            {
                fileModuleNames.Add(import.Name);
            }
        }

        if (fileModuleNames.Count == 0)
        {
            return new KclFileFacts(imports, [], HasDynamicFileAccess: false);
        }

        var (reads, dynamic) = FindFileAccess(parsed.Tokens, fileModuleNames);
        return new KclFileFacts(imports, reads, dynamic);
    }

    private static (List<string> Reads, bool Dynamic) FindFileAccess(IReadOnlyList<Token> tokens, HashSet<string> moduleNames)
    {
        var reads = new List<string>();
        var dynamic = false;
        for (var i = 0; i + 3 < tokens.Count; i++)
        {
            if (tokens[i].Kind != TokenKind.Identifier || !moduleNames.Contains(tokens[i].Text)
                || tokens[i + 1].Kind != TokenKind.Dot || tokens[i + 2].Kind != TokenKind.Identifier
                || (i > 0 && tokens[i - 1].Kind == TokenKind.Dot))
            {
                continue;
            }

            var function = tokens[i + 2].Text;
            if (OpenEndedFunctions.Contains(function))
            {
                dynamic = true;
            }
            else if (PathFunctions.Contains(function))
            {
                // Only `file.read("literal")` names its file; anything else (a variable, an interpolation,
                // a keyword argument, the function passed around as a value) could read any file.
                if (tokens[i + 3].Kind == TokenKind.LeftParen && i + 5 < tokens.Count
                    && tokens[i + 4].Kind == TokenKind.String && tokens[i + 5].Kind == TokenKind.RightParen
                    && PlainStringValue(tokens[i + 4].Text) is { } literal)
                {
                    reads.Add(literal);
                }
                else
                {
                    dynamic = true;
                }
            }
        }

        return (reads, dynamic);
    }

    /// <summary>The value of a one-line string literal with no escapes or interpolation; null for any other.</summary>
    internal static string? PlainStringValue(string token)
    {
        var isRaw = token.Length > 0 && (token[0] == 'r' || token[0] == 'R');
        var body = isRaw ? token[1..] : token;
        if (body.Length < 2 || body.StartsWith("\"\"\"", StringComparison.Ordinal) || body.StartsWith("'''", StringComparison.Ordinal)
            || (body[0] != '"' && body[0] != '\'') || body[^1] != body[0])
        {
            return null;
        }

        var value = body[1..^1];
        return value.Contains("${", StringComparison.Ordinal) || (!isRaw && value.Contains('\\')) ? null : value;
    }
}
