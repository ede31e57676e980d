using System.Text.Json;
using Konfig.Affected.Analysis;
using Konfig.Affected.Git;

namespace Konfig.Affected.Output;

/// <summary>
/// The JSON form of a report: every affected stack with its reason chains (file → package → importer … → stack),
/// one per changed file that reaches it: <c>reason</c> the shortest, <c>otherReasons</c> the others, shortest first
/// (apart, so that the common single reason is written once).
/// </summary>
public static class AffectedJson
{
    public static string Render(ChangeDetectionReport report)
    {
        var output = new StringWriter();
        Write(report, output);
        return output.ToString();
    }

    /// <summary>
    /// Writes the report to <paramref name="output"/> as it goes, a few tens of kilobytes at a time: with every
    /// reason chain listed, a change to a widely shared package in a large monorepo makes a document of
    /// hundreds of megabytes, which is never held whole in memory.
    /// </summary>
    public static void Write(ChangeDetectionReport report, TextWriter output)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            // After a flush the buffer ends between tokens, so no UTF-8 sequence is cut in two.
            void Drain(bool always)
            {
                if (!always && json.BytesPending + buffer.Length < 64 * 1024)
                {
                    return;
                }

                json.Flush();
                output.Write(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
                buffer.SetLength(0);
            }

            json.WriteStartObject();
            json.WriteString("repository", report.RepositoryRoot);
            WriteRevision(json, "base", report.Base);
            json.WriteString("mergeBase", report.MergeBase);
            WriteRevision(json, "head", report.Head);
            json.WriteBoolean("workingTree", report.IncludesWorkingTree);
            json.WriteString("everything", report.Result.EverythingReason);
            json.WriteNumber("totalStacks", report.Result.TotalStacks);

            json.WriteStartArray("changes");
            foreach (var change in report.Changes)
            {
                json.WriteStartObject();
                json.WriteString("kind", change.Kind.ToString().ToLowerInvariant());
                json.WriteString("path", change.Path);
                if (change.OldPath is { } oldPath && oldPath != change.Path)
                {
                    json.WriteString("oldPath", oldPath);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();

            json.WriteStartArray("stacks");
            foreach (var stack in report.Result.Stacks)
            {
                json.WriteStartObject();
                json.WriteString("path", stack.Path);
                json.WriteString("project", stack.ProjectPath);
                json.WriteBoolean("deleted", stack.Deleted);
                json.WritePropertyName("reason");
                WriteChain(json, stack.Reason);
                json.WriteStartArray("otherReasons");
                foreach (var chain in stack.Reasons.Skip(1))
                {
                    WriteChain(json, chain);
                }

                json.WriteEndArray();
                json.WriteEndObject();
                Drain(always: false);
            }

            json.WriteEndArray();

            if (report.DotNetProjects is { } projects)
            {
                json.WriteStartArray("dotnetProjects");
                foreach (var project in projects)
                {
                    json.WriteStartObject();
                    json.WriteString("path", project.Project.Path);
                    json.WriteString("assemblyName", project.Project.AssemblyName);
                    json.WriteBoolean("isTestProject", project.Project.IsTestProject);
                    json.WriteString("changedFile", project.ChangedFile);
                    json.WriteStartArray("reason");
                    foreach (var step in project.Chain)
                    {
                        json.WriteStringValue(step);
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteStartArray("notes");
            foreach (var note in report.Notes)
            {
                json.WriteStringValue(note);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            Drain(always: true);
        }

        output.Write('\n');
    }

    private static void WriteChain(Utf8JsonWriter json, IReadOnlyList<ReasonStep> chain)
    {
        json.WriteStartArray();
        foreach (var step in chain)
        {
            json.WriteStartObject();
            json.WriteString("kind", step.Kind);
            json.WriteString("path", step.Path);
            json.WriteString("relation", step.Relation);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteRevision(Utf8JsonWriter json, string name, ComparedRevision? revision)
    {
        if (revision is null)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        json.WriteString("revision", revision.Revision);
        json.WriteString("commit", revision.Commit);
        json.WriteEndObject();
    }

    internal static string Letter(GitChangeKind kind) => kind switch
    {
        GitChangeKind.Added => "A",
        GitChangeKind.Modified => "M",
        GitChangeKind.Deleted => "D",
        GitChangeKind.Renamed => "R",
        GitChangeKind.Copied => "C",
        GitChangeKind.TypeChanged => "T",
        _ => "?",
    };
}
