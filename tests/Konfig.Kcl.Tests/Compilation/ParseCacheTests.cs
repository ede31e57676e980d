using FluentAssertions;
using Konfig.Kcl.Compilation;
using Xunit;

namespace Konfig.Kcl.Tests.Compilation;

public class ParseCacheTests
{
    [Fact]
    public void Parses_an_unchanged_file_once_and_does_not_reread_it()
    {
        using var folder = new TemporaryFolder();
        var path = folder.Write("a.k", "a = 1\n");
        var cache = new ParseCache();

        var first = cache.GetOrParse(path);
        var second = cache.GetOrParse(path);
        var third = cache.GetOrParse(folder.Combine("./a.k"));

        second.Should().BeSameAs(first);
        third.Should().BeSameAs(first);
        cache.ParseCount.Should().Be(1);
        cache.ReadCount.Should().Be(1);
    }

    [Fact]
    public void Reparses_a_file_whose_content_changed()
    {
        using var folder = new TemporaryFolder();
        var path = folder.Write("a.k", "a = 1\n");
        var cache = new ParseCache();
        var first = cache.GetOrParse(path);

        File.WriteAllText(path, "a = 22\n");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(5));
        var second = cache.GetOrParse(path);

        second.Should().NotBeSameAs(first);
        second.Module.File.Text.Should().Be("a = 22\n");
        cache.ParseCount.Should().Be(2);
    }

    [Fact]
    public void A_touched_file_with_the_same_content_is_reread_but_not_reparsed()
    {
        using var folder = new TemporaryFolder();
        var path = folder.Write("a.k", "a = 1\n");
        var cache = new ParseCache();
        var first = cache.GetOrParse(path);

        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(5));
        cache.GetOrParse(path).Should().BeSameAs(first);
        cache.GetOrParse(path).Should().BeSameAs(first);

        cache.ParseCount.Should().Be(1);
        cache.ReadCount.Should().Be(2);
    }

    [Fact]
    public void Two_runs_that_share_a_package_read_and_parse_its_file_once()
    {
        using var folder = new TemporaryFolder();
        folder.Write("kcl.mod", string.Empty);
        var shared = folder.Write("lib/shared.k", "base = {replicas = 2}\n");
        folder.Write("one/main.k", "import lib\none = lib.base.replicas\n");
        folder.Write("two/main.k", "import lib\ntwo = lib.base.replicas + 1\n");
        var files = new CountingFileSystem();
        var cache = new ParseCache(files);

        var first = KclRunner.Run(new KclRunOptions { Files = ["one/main.k"], WorkingDirectory = folder.Path }, cache);
        var second = KclRunner.Run(new KclRunOptions { Files = ["two/main.k"], WorkingDirectory = folder.Path }, cache);
        var again = KclRunner.Run(new KclRunOptions { Files = ["one/main.k"], WorkingDirectory = folder.Path }, cache);

        first.Yaml.Should().Be("one: 2\n");
        second.Yaml.Should().Be("two: 3\n");
        again.Yaml.Should().Be(first.Yaml);
        files.ReadsOf(shared).Should().Be(1, "the shared package is read by the first run only");
        files.ReadsOf(folder.Combine("one/main.k")).Should().Be(1, "an unchanged entry file is not re-read");
        files.TotalReads.Should().Be(3);
        cache.ParseCount.Should().Be(3);
    }

    [Fact]
    public void A_touched_file_is_read_again_through_the_file_system_but_not_reparsed()
    {
        using var folder = new TemporaryFolder();
        var path = folder.Write("a.k", "a = 1\n");
        var files = new CountingFileSystem();
        var cache = new ParseCache(files);
        var first = cache.GetOrParse(path);

        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(5));
        cache.GetOrParse(path).Should().BeSameAs(first);

        files.ReadsOf(path).Should().Be(2);
        cache.ParseCount.Should().Be(1);
    }

    [Fact]
    public void Concurrent_runs_parse_a_shared_file_once()
    {
        using var folder = new TemporaryFolder();
        var path = folder.Write("shared.k", "a = 1\n");
        var cache = new ParseCache();

        Parallel.For(0, 64, _ => cache.GetOrParse(path));

        cache.ParseCount.Should().Be(1);
    }
}
