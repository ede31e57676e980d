using FluentAssertions;
using Konfig.Workspace.Files;

namespace Konfig.Workspace.Tests.Files;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("konfig-atomic-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Writes_replace_the_file_create_its_folder_and_leave_no_temporary_file()
    {
        var path = Path.Combine(_folder, "a", "b", "out.yaml");

        AtomicFile.WriteAllText(path, "first é\n");
        File.ReadAllBytes(path).Should().Equal("first é\n"u8.ToArray(), "UTF-8 without a byte order mark");
        await AtomicFile.WriteAllTextAsync(path, "second\n");
        File.ReadAllText(path).Should().Be("second\n");
        await AtomicFile.WriteAllBytesAsync(path, new byte[] { 1, 2, 3 });
        File.ReadAllBytes(path).Should().Equal(1, 2, 3);

        Directory.GetFiles(Path.GetDirectoryName(path)!).Should().Equal(path);
    }

    [Fact]
    public void A_failed_write_leaves_the_old_content_and_removes_its_temporary_file()
    {
        var path = Path.Combine(_folder, "state.json");
        File.WriteAllText(path, "old");

        var write = () => AtomicFile.Write(path, stream =>
        {
            stream.Write("half"u8);
            throw new IOException("disk full");
        });

        write.Should().Throw<IOException>().WithMessage("disk full");
        File.ReadAllText(path).Should().Be("old");
        Directory.GetFiles(_folder).Should().Equal(path);
    }

    [Fact]
    public async Task A_cancelled_async_write_leaves_the_old_content_and_no_temporary_file()
    {
        var path = Path.Combine(_folder, "state.json");
        File.WriteAllText(path, "old");

        var write = () => AtomicFile.WriteAllBytesAsync(path, new byte[] { 1 }, new CancellationToken(canceled: true));

        await write.Should().ThrowAsync<OperationCanceledException>();
        File.ReadAllText(path).Should().Be("old");
        Directory.GetFiles(_folder).Should().Equal(path);
    }
}
