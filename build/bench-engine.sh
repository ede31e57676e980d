#!/usr/bin/env bash
# Benchmarks the engine against the fake API server (tests/Konfig.FakeKube) with 50 ms added to every
# request, as whole `konfig` processes: preview of a 100-resource stack, and apply of 100 resources in
# 5 dependency levels (20 Namespaces; then 4 levels of 20 ConfigMaps, each depending on the one before
# it in its namespace), with the default parallelism and with --parallelism 1 (serial, for comparison).
# Each apply starts from an empty cluster (an untimed destroy --watch runs before it). hyperfine times the runs.
# Writes build/results/engine-bench.md.
# Usage:
#   build/bench-engine.sh                 # publish the CLI like build/bench.sh (self-contained ReadyToRun composite)
#   build/bench-engine.sh --no-publish    # reuse the CLI published by the last run
# Needs hyperfine (Debian package hyperfine); without it, it prints the apt-get command.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
# shellcheck source=build/bench-common.sh
source build/bench-common.sh

bench_options "$@"

bench_require hyperfine:hyperfine

latency_ms=${KONFIG_BENCH_LATENCY_MS:-50}
runs=${KONFIG_BENCH_RUNS:-10}
results_dir="$repo/build/results"
results="$results_dir/engine-bench.md"
work=$(mktemp -d /tmp/konfig-engine-bench.XXXXXX)
port=${KONFIG_BENCH_PORT:-16443}

bench_cli "$do_publish"

# The stack: a workspace of one project and one stack whose program prints 100 spec records.
mkdir -p "$work/ws/bench/dev"
printf '[package]\nname = "bench"\nedition = "v0.9.0"\nversion = "0.0.1"\n' >"$work/ws/kcl.mod"
printf 'name: bench\n' >"$work/ws/bench/project.yaml"
printf 'name: dev\n' >"$work/ws/bench/dev/stack.yaml"
printf 'kcl_cli_configs:\n  file:\n    - main.k\n' >"$work/ws/bench/dev/kcl.yaml"
cat >"$work/ws/bench/dev/main.k" <<'KCL'
import manifests

_spaces = 20
_namespaces = [{
    id = "v1:Namespace:bench-${i}"
    type = "Kubernetes"
    attributes = {apiVersion = "v1", kind = "Namespace", metadata = {name = "bench-${i}"}}
} for i in range(_spaces)]
_configs = [{
    id = "v1:ConfigMap:bench-${i}:level-${level}"
    type = "Kubernetes"
    attributes = {
        apiVersion = "v1", kind = "ConfigMap"
        metadata = {name = "level-${level}", namespace = "bench-${i}"}
        data = {depth = "${level}"}
    }
    dependsOn = ["v1:ConfigMap:bench-${i}:level-${level - 1}" if level > 1 else "v1:Namespace:bench-${i}"]
} for level in range(1, 5) for i in range(_spaces)]
manifests.yaml_stream(_namespaces + _configs)
KCL
resources=$("$konfig" compile "$work/ws/bench/dev" | grep -c '^- id:')
echo "the stack has $resources resources"

echo "Starting the fake API server on port $port with ${latency_ms} ms latency ..."
dotnet build tests/Konfig.FakeKube -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet tests/Konfig.FakeKube/bin/Release/net10.0/Konfig.FakeKube.dll --port "$port" --latency-ms "$latency_ms" \
    --kubeconfig "$work/kubeconfig" >"$work/fake.log" 2>&1 &
fake_pid=$!
trap 'kill $fake_pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do [ -f "$work/kubeconfig" ] && break; sleep 0.1; done
[ -f "$work/kubeconfig" ] || { echo "the fake API server did not start:" >&2; cat "$work/fake.log" >&2; exit 1; }

stack="$work/ws/bench/dev"
common="--kubeconfig $work/kubeconfig"
bench_start

# Check the answers before timing them: an apply creates every resource, a preview then sees no change.
"$konfig" destroy "$stack" $common --yes --watch >/dev/null 2>&1 || true
"$konfig" apply "$stack" $common --yes >/dev/null
unchanged=$("$konfig" preview "$stack" $common --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(sum(1 for c in d["changes"] if c["action"].lower()=="unchanged"))')
echo "after apply, preview says $unchanged of $resources unchanged"
"$konfig" destroy "$stack" $common --yes --watch >/dev/null

hyperfine -N --runs "$runs" --export-json "$work/bench.json" \
    --command-name "preview (empty cluster)" --prepare "true" "$konfig preview $stack $common" \
    --command-name "apply" --prepare "$konfig destroy $stack $common --yes --watch" "$konfig apply $stack $common --yes" \
    --command-name "apply --parallelism 1" --prepare "$konfig destroy $stack $common --yes --watch" "$konfig apply $stack $common --yes --parallelism 1" \
    | tee "$work/bench.txt"

row() {
    python3 - "$work/bench.json" "$1" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}[sys.argv[2]]
print(f'{r["mean"]:.3f} | {r["stddev"]:.3f} | {r["min"]:.3f} | {r["max"]:.3f}')
PY
}

mkdir -p "$results_dir"
{
    echo "# Engine benchmark: preview and apply against the fake API server"
    echo
    echo "Produced by \`build/bench-engine.sh\`: a stack of $resources resources in 5 dependency levels (20 Namespaces,"
    echo "then 4 levels of 20 ConfigMaps), the fake API server (\`tests/Konfig.FakeKube\`) adding ${latency_ms} ms to every"
    echo "request, local state. Whole \`konfig\` processes (compile included), hyperfine, $runs runs each; every apply"
    echo "starts from an empty cluster (an untimed \`destroy --watch\` before it, which waits until the objects are gone)."
    echo
    bench_facts
    echo "- Answer checked: after an apply, preview reports $unchanged of $resources resources unchanged"
    echo
    echo "| command | mean s | σ s | min s | max s |"
    echo "|---|---:|---:|---:|---:|"
    for name in "preview (empty cluster)" "apply" "apply --parallelism 1"; do
        echo "| $name | $(row "$name") |"
    done
    echo
    echo "Targets (issue 6): preview ≤ 1 s; apply ≤ 2 s (serially it takes over 5 s: 100 requests × 50 ms)."
} >"$results"
echo "wrote $results"
cat "$results"
