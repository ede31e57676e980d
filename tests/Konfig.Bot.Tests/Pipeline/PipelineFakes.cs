using Konfig.Bot.GitHub;
using Konfig.FakeGitHub;
using Konfig.FakeKube;

namespace Konfig.Bot.Tests.Pipeline;

/// <summary>
/// What a pipeline test runs against: the fake API server and a kubeconfig for it, the fake GitHub holding one
/// repository, and our GitHub client (a personal token, no spacing between writes) pointed at it.
/// </summary>
internal sealed class PipelineFakes : IAsyncDisposable
{
    private PipelineFakes(FakeKubeServer kube, string kubeconfig, FakeGitHubServer github, OctokitGitHubApi api)
    {
        Kube = kube;
        Kubeconfig = kubeconfig;
        GitHub = github;
        Api = api;
    }

    public FakeKubeServer Kube { get; }

    public string Kubeconfig { get; }

    public FakeGitHubServer GitHub { get; }

    public OctokitGitHubApi Api { get; }

    /// <summary>Starts both fakes; the kubeconfig (context "fake") is written into <paramref name="folder"/>.</summary>
    public static async Task<PipelineFakes> StartAsync(string owner, string repository, string folder, FakeKubeOptions? kubeOptions = null)
    {
        var kube = await FakeKubeServer.StartAsync(kubeOptions ?? new FakeKubeOptions());
        var kubeconfig = Path.Combine(folder, "kubeconfig");
        kube.WriteKubeconfig(kubeconfig, context: "fake");
        var github = await FakeGitHubServer.StartAsync();
        github.State.AddRepository(owner, repository);
        var api = new OctokitGitHubApi(new GitHubApiOptions
        {
            BaseAddress = new Uri(github.Url, "/"),
            Credentials = new PersonalTokenCredentials("personal-token"),
            MutationSpacing = TimeSpan.Zero,
        });
        return new PipelineFakes(kube, kubeconfig, github, api);
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await GitHub.DisposeAsync();
        await Kube.DisposeAsync();
    }
}
