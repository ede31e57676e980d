using FluentAssertions;
using Konfig.Kcl.Compilation;

namespace Konfig.Workspace.Tests.Monorepo;

/// <summary>
/// The platform models of konfig/ (base/pkg/platform) against the stacks app developers would write:
/// bad input stops the compile with the check that names the mistake, and good input renders in apply
/// order. Each case compiles one main.k with the models in a scratch copy of the module.
/// </summary>
public sealed class PlatformModelTests
{
    private const string Render = "${KCL_MOD}/base/pkg/platform/render/render.k";

    [Theory]
    [InlineData("""app: frontend.Application {containers.web.image = "nginx"}""", "image 'nginx' must name a tag or a digest")]
    [InlineData("""app: frontend.Application {containers = {}}""", "application probe declares no container")]
    [InlineData("""app: frontend.Application {name = "Web_1", containers.web.image = "nginx:1"}""", "name 'Web_1' must be a DNS label")]
    [InlineData("""app: frontend.Application {workload = "CronJob", containers.web.image = "nginx:1"}""", "a CronJob needs a schedule")]
    [InlineData("""app: frontend.Application {workload = "CronJob", schedule = "* * *", containers.web.image = "nginx:1"}""", "schedule '* * *' must have five fields")]
    [InlineData("""app: frontend.Application {schedule = "@daily", containers.web.image = "nginx:1"}""", "schedule is set but workload is Deployment")]
    [InlineData("""app: frontend.Application {containers.web = {image = "nginx:1", ports = [{name = "http", port = 80}]}, services.web.ports = [{port = 80, targetPort = 8080}]}""", "no container declares: [web:8080]")]
    [InlineData("""app: frontend.Application {containers.web = {image = "nginx:1", ports = [{name = "http", port = 80}]}, services.web.ports = [{port = 80}], ingress = {host = "a.example.com", paths = [{service = "api"}]}}""", "ingress routes to services that are not declared: [api]")]
    [InlineData("""app: frontend.Application {containers.web.image = "nginx:1", autoscaling.maxReplicas = 3}""", "needs resources.requests.cpu in every container; missing in [web]")]
    [InlineData("""app: frontend.Application {containers.web = {image = "nginx:1", resources.requests.cpu = "1"}, autoscaling = {minReplicas = 4, maxReplicas = 3}}""", "got 4..3")]
    [InlineData("""app: frontend.Application {containers.web = {image = "nginx:1", livenessProbe.periodSeconds = 3}}""", "exactly one of http, tcp or exec")]
    [InlineData("""app: frontend.Application {containers.web = {image = "nginx:1", livenessProbe.http.port = "web"}}""", "probes name ports the container does not declare: [web]")]
    [InlineData("""app: frontend.Application {containers.web = {image = "nginx:1", env.X = {key = "a"}}}""", "name exactly one (key a)")]
    [InlineData("""app: frontend.Application {containers.web = {image = "nginx:1", env.X = {config = "nope", key = "a"}}}""", "env reads configs that are not declared: [web.env.X: nope]")]
    [InlineData("""app: frontend.Application {containers.web.image = "nginx:1", volumes.v.mountPath = "/x"}""", "a volume needs exactly one source")]
    [InlineData("""app: frontend.Application {containers.web.image = "nginx:1", volumes.v = {mountPath = "/x", emptyDir = {}, containers = ["api"]}}""", "mounts name containers that are not declared: [api]")]
    [InlineData("""app: frontend.Application {workload = "StatefulSet", containers.web.image = "nginx:1"}""", "a StatefulSet needs a service")]
    [InlineData("""app: frontend.Application {replicas = 3, containers.web.image = "nginx:1", volumes.v = {mountPath = "/x", claim.size = "1Gi"}}""", "claims [v] are ReadWriteOnce but the Deployment runs 3 replicas")]
    [InlineData("""app: frontend.Application {containers.web = {image = "nginx:1", resources.requests.memory = "1GB"}}""", "memory '1GB' is not a quantity")]
    [InlineData("""app: frontend.Application {containers.web.image = "nginx:1", configs.a = {data.x = "1", mountPath = "/a"}, volumes.a = {mountPath = "/b", emptyDir = {}}}""", "need distinct names; repeated: [a]")]
    [InlineData("""app: frontend.Application {containers.web.image = "nginx:1", services.web.ports = [{port = 80, nodePort = 30001}]}""", "nodePort needs type NodePort or LoadBalancer")]
    [InlineData("app: frontend.Application {containers.web.image = \"nginx:1\"}\nother: frontend.Application {containers.web.image = \"nginx:1\"}", "two objects share an id (same kind, namespace and name): [apps/v1:Deployment:probe:probe]")]
    [InlineData("x = 1", "the stack declares no application")]
    public void Bad_input_fails_with_the_check_that_names_the_mistake(string application, string expected)
    {
        var result = CompileStack(application);

        result.Success.Should().BeFalse();
        string.Join("\n", result.Diagnostics.Select(d => d.ToString())).Should().Contain(expected);
    }

    [Fact]
    public void A_valid_application_renders_records_in_apply_order()
    {
        var result = CompileStack("""
            app: frontend.Application {
                containers.web = {image = "nginx:1.27", ports = [{name = "http", port = 8080}], resources.requests.cpu = "100m"}
                configs.site = {mountPath = "/etc/site", data = {"index.html" = "hello"}}
                services.web.ports = [{name = "http", port = 80, targetPort = "http"}]
                ingress = {host = "web.example.com", paths = [{service = "web"}]}
                autoscaling.maxReplicas = 3
            }
            """);

        result.Diagnostics.Should().BeEmpty();
        var ids = result.Yaml.Split('\n').Where(l => l.StartsWith("id: ", StringComparison.Ordinal)).ToList();
        ids.Should().Equal(
            "id: v1:Namespace:probe",
            "id: v1:ConfigMap:probe:probe-site",
            "id: apps/v1:Deployment:probe:probe",
            "id: v1:Service:probe:web",
            "id: networking.k8s.io/v1:Ingress:probe:probe",
            "id: autoscaling/v2:HorizontalPodAutoscaler:probe:probe");
    }

    private static KclRunResult CompileStack(string application)
    {
        var module = Path.Combine(Path.GetTempPath(), "konfig-models-" + Guid.NewGuid().ToString("N"));
        try
        {
            CopyFolder(Path.Combine(KonfigFolder.Path, "base"), Path.Combine(module, "base"));
            File.Copy(Path.Combine(KonfigFolder.Path, "kcl.mod"), Path.Combine(module, "kcl.mod"));
            var stack = Path.Combine(module, "apps", "probe", "dev");
            Directory.CreateDirectory(stack);
            File.WriteAllText(Path.Combine(stack, "main.k"), "import base.pkg.platform.frontend\n\n" + application + "\n");
            return KclRunner.Run(new KclRunOptions
            {
                Files = ["main.k", Render],
                WorkingDirectory = stack,
                Arguments = [new("app", "probe"), new("env", "dev")],
            });
        }
        finally
        {
            Directory.Delete(module, recursive: true);
        }
    }

    private static void CopyFolder(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*.k", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
