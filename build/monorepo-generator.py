"""Writes the projects and stacks of a synthetic monorepo; see build/generate-monorepo.sh."""
import os
import random
import sys

TEAMS = ["commerce", "payments", "platform", "data", "search", "identity", "logistics", "media"]
NOUNS = ["orders", "catalog", "cart", "billing", "invoice", "ledger", "profile", "session", "search",
         "index", "report", "export", "import", "mailer", "notify", "gateway", "pricing", "stock",
         "review", "media", "thumbs", "audit", "events", "metrics", "tokens", "geo", "ship", "route"]
ROLES = ["api", "worker", "db", "cache", "sync", "job", "cron", "web", "proxy", "feed"]
SIZES = ["tiny", "small", "medium", "large"]
# Weights like a real monorepo: mostly Deployments.
KINDS = ["Deployment"] * 5 + ["StatefulSet"] * 2 + ["Job"] * 1 + ["CronJob"] * 2
SIDECARS = ["log-shipper", "envoy", "metrics-agent"]


def q(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def kcl_list(items):
    return "[" + ", ".join(q(i) for i in items) + "]"


def container(rng, name, image, main, batch):
    """The lines of one container (indented for base.k), and the ports it declares."""
    lines = [f"{q(name) if '-' in name else name} = {{",
             f"    image = {q(image)}"]
    ports = []
    if main and not batch:
        ports.append(("http", rng.choice([8080, 8000, 9090, 3000])))
        if rng.random() < 0.5:
            ports.append(("metrics", 9100 + rng.randrange(10)))
    elif not main and name == "envoy":
        ports.append(("proxy", 15001))
    elif not main and name == "metrics-agent":
        ports.append(("agent", 9200 + rng.randrange(10)))
    if main and rng.random() < 0.6:
        lines.append(f"    args = {kcl_list(['--config', '/etc/app/app.yaml', '--workers', str(rng.randrange(1, 17))])}")
    if ports:
        lines.append("    ports = [" + ", ".join(f"{{name = {q(n)}, port = {p}}}" for n, p in ports) + "]")
    env = {"LOG_FORMAT": q("json"), "REGION": q(rng.choice(["eu-west-1", "us-east-1", "ap-south-1"]))}
    if main:
        env["LOG_LEVEL"] = '{config = "settings", key = "log-level"}'
        for i in range(rng.randrange(1, 4)):
            env[f"FEATURE_{i}"] = q(rng.choice(["on", "off", "canary"]))
        if rng.random() < 0.7:
            env["DATABASE_PASSWORD"] = '{secret = "database", key = "password"}'
    lines.append("    env = {")
    lines.extend(f"        {k} = {v}" for k, v in env.items())
    lines.append("    }")
    lines.append(f"    resources = sizes.{rng.choice(SIZES) if main else 'tiny'}")
    if main and ports:
        lines.append(f"    readinessProbe = {{http = {{path = \"/healthz/ready\", port = \"http\"}}, periodSeconds = {rng.choice([5, 10])}}}")
        lines.append(f"    livenessProbe = {{tcp.port = \"http\", initialDelaySeconds = {rng.choice([5, 10, 30])}}}")
    elif main and rng.random() < 0.5:
        lines.append("    startupProbe = {exec = [\"/bin/health\", \"--startup\"], failureThreshold = 30}")
    lines.append("}")
    return lines, ports


def project(rng, index):
    team = rng.choice(TEAMS)
    name = f"{rng.choice(NOUNS)}-{rng.choice(ROLES)}-{index:05d}"
    kind = rng.choice(KINDS)
    batch = kind in ("Job", "CronJob")
    lines = ["import base.pkg.platform.frontend", "import base.pkg.platform.sizes", "",
             f"# {team}: a synthetic {kind}.", "app: frontend.Application {",
             f"    workload = {q(kind)}",
             f"    labels = {{\"example.com/team\" = {q(team)}}}"]
    if kind == "CronJob":
        lines.append(f"    schedule = \"{rng.randrange(60)} {rng.randrange(24)} * * *\"")
        lines.append(f"    cron = {{concurrencyPolicy = \"Forbid\", successfulJobsHistoryLimit = {rng.randrange(1, 4)}}}")
    if batch:
        lines.append(f"    job = {{backoffLimit = {rng.randrange(1, 5)}, activeDeadlineSeconds = {rng.choice([600, 1800, 3600])}}}")
    main_name = name.split("-")[1]
    image = f"registry.example.com/{team}/{name.rsplit('-', 1)[0]}:{rng.randrange(1, 6)}.{rng.randrange(20)}.{rng.randrange(10)}"
    containers = [main_name]
    body, main_ports = container(rng, main_name, image, True, batch)
    extra = rng.choice([0, 0, 1, 2])
    for sidecar in rng.sample(SIDECARS, extra):
        side, _ = container(rng, sidecar, f"registry.example.com/platform/{sidecar}:1.{rng.randrange(9)}.0", False, batch)
        body += side
        containers.append(sidecar)
    lines += ["    containers = {"] + ["        " + line for line in body] + ["    }"]
    lines += ["    configs.settings.data = {",
              f"        \"log-level\" = {q(rng.choice(['info', 'warn', 'debug']))}",
              f"        \"owner\" = {q(team)}",
              "    }",
              "    configs.files = {",
              "        mountPath = \"/etc/app\"",
              f"        containers = [{q(main_name)}]",
              "        data = {\"app.yaml\" = \"\"\"\\",
              "server:",
              f"  port: {main_ports[0][1] if main_ports else 0}",
              "upstreams:"]
    lines += [f"  - http://{rng.choice(NOUNS)}-api.{rng.choice(NOUNS)}.svc:{rng.choice([80, 8080])}" for _ in range(rng.randrange(1, 5))]
    lines += ["\"\"\"}", "    }"]
    if rng.random() < 0.4:
        lines.append(f"    volumes.scratch = {{mountPath = \"/tmp/scratch\", emptyDir.sizeLimit = \"{rng.choice([1, 2, 4])}Gi\"}}")
    if kind == "StatefulSet":
        lines.append(f"    volumes.data = {{mountPath = \"/var/lib/{main_name}\", claim.size = \"{rng.choice([5, 10, 50])}Gi\"}}")
    services = []
    if main_ports and (kind == "StatefulSet" or rng.random() < 0.9):
        services.append(name)
        ports = ", ".join(f"{{name = {q(n)}, port = {80 if n == 'http' else p}, targetPort = {q(n)}}}" for n, p in main_ports)
        lines.append("    services = {")
        lines.append(f"        {q(name)} = {{ports = [{ports}]}}")
        if kind == "StatefulSet":
            lines.append(f"        {q(name + '-headless')} = {{headless = True, ports = [{{name = \"http\", port = {main_ports[0][1]}}}]}}")
        lines.append("    }")
    elif kind == "StatefulSet":
        lines.append(f"    services = {{{q(name)}: {{headless = True, ports = [{{name = \"tcp\", port = 7000}}]}}}}")
    ingress = bool(services) and kind == "Deployment" and rng.random() < 0.3
    if ingress:
        lines.append(f"    ingress = {{host = {q(name + '.example.com')}, className = \"nginx\", paths = [{{path = \"/\", service = {q(name)}}}]}}")
    lines.append("}")
    return name, team, kind, ingress, containers, "\n".join(lines) + "\n"


def stack_main(rng, env, kind, ingress, containers):
    lines = ["import base.pkg.platform.frontend", "import base.pkg.platform.sizes", "",
             f"# {env}: what this environment changes.", "app: frontend.Application {"]
    main = containers[0]
    if env == "prod":
        if kind == "Deployment" and rng.random() < 0.4:
            lines.append(f"    autoscaling = {{minReplicas = {rng.randrange(2, 4)}, maxReplicas = {rng.randrange(4, 20)}, targetCPUUtilization = {rng.choice([60, 70, 80])}}}")
        elif kind in ("Deployment", "StatefulSet"):
            lines.append(f"    replicas = {rng.randrange(2, 6)}")
        lines.append(f"    containers.{main}.resources = sizes.{rng.choice(['medium', 'large'])}")
        lines.append(f"    containers.{main}.env.DATABASE_PASSWORD = {{secret = \"{main}-prod-db\", key = \"password\"}}")
        lines.append("    configs.settings.data = {\"log-level\" = \"warn\"}")
        if ingress:
            lines.append(f"    ingress.tls.secretName = \"tls-{main}\"")
        lines.append(f"    annotations = {{\"konfig.io/owner\" = \"team-{main}\"}}")
    else:
        lines.append(f"    containers.{main}.env.DEBUG = \"true\"")
        lines.append("    configs.settings.data = {\"log-level\" = \"debug\"}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as file:
        file.write(text)


def main():
    count, out, seed = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    rng = random.Random(seed)
    written = 0
    index = 0
    while written < count:
        name, team, kind, ingress, containers, base = project(rng, index)
        root = os.path.join(out, "apps", name)
        write(os.path.join(root, "project.yaml"), f"# Synthetic project {index}.\nname: {name}\ntenant: {team}\n")
        write(os.path.join(root, "base", "base.k"), base)
        for env, cluster in (("dev", "dev-eu-1"), ("prod", "prod-eu-1")):
            if written == count:
                break
            stack = os.path.join(root, env)
            write(os.path.join(stack, "stack.yaml"), f"name: {env}\n")
            write(os.path.join(stack, "kcl.yaml"),
                  "kcl_cli_configs:\n  file:\n    - ../base/base.k\n    - main.k\n    - ${KCL_MOD}/base/pkg/platform/render/render.k\n")
            write(os.path.join(stack, "main.k"), stack_main(rng, env, kind, ingress, containers))
            write(os.path.join(stack, "ci-test", "settings.yaml"),
                  f"kcl_options:\n  - key: app\n    value: {name}\n  - key: env\n    value: {env}\n  - key: cluster\n    value: {cluster}\n")
            written += 1
        index += 1


if __name__ == "__main__":
    main()
