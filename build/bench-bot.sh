#!/usr/bin/env bash
# Benchmarks the bot end to end (issue 11: "PR event → comment posted for 10 affected stacks, on loopback fakes:
# ≤ 3 s"): `konfig bot action` as a whole process, handling a pull_request "opened" event whose merge preview
# changes a file all 10 stacks of a generated workspace import. The fake GitHub (tests/Konfig.FakeGitHub, every
# request checked against GitHub's REST description) and the fake API server (tests/Konfig.FakeKube) run as
# programs on 127.0.0.1, each adding a latency to every request (default 20 ms). The bot's comment is deleted
# before each run, so each run posts it. hyperfine times the runs; the fake's request log gives, per run, when
# the comment was posted, since the process goes on setting commit statuses (a second apart) after it.
# Writes build/results/bot-bench.md.
# Usage:
#   build/bench-bot.sh                 # publish the CLI like build/bench.sh (self-contained ReadyToRun composite)
#   build/bench-bot.sh --no-publish    # reuse the CLI published by the last run
#   KONFIG_BENCH_RUNS=10 KONFIG_BENCH_LATENCY_MS=20 build/bench-bot.sh
# Needs hyperfine (Debian package hyperfine), python3 and GitHub's artifacts (npm ci --prefix tests/github-artifacts).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
# shellcheck source=build/bench-common.sh
source build/bench-common.sh

bench_options "$@"

bench_require hyperfine:hyperfine
examples="$repo/tests/github-artifacts/node_modules/@octokit/webhooks-examples/api.github.com/index.json"
if [ ! -f "$examples" ]; then
    echo "GitHub's artifacts are not installed: run npm ci --prefix tests/github-artifacts" >&2
    exit 2
fi

latency_ms=${KONFIG_BENCH_LATENCY_MS:-20}
runs=${KONFIG_BENCH_RUNS:-10}
stacks=10
target_s=3
results_dir="$repo/build/results"
results="$results_dir/bot-bench.md"
work=$(mktemp -d /tmp/konfig-bot-bench.XXXXXX)
kube_port=${KONFIG_BENCH_PORT:-16443}
github_port=${KONFIG_BENCH_GITHUB_PORT:-16080}
owner_repo="acme/platform"
pr=42

bench_cli "$do_publish"

# The repository: our konfig/ models (kcl.mod, base/) and 10 projects, each with one stack copied from
# status-page/dev (a Deployment, a Service, a ConfigMap and a CronJob, all sized with sizes.tiny).
ws="$work/repo/konfig"
mkdir -p "$ws/apps"
cp konfig/kcl.mod "$ws/"
cp -r konfig/base "$ws/"
for n in $(seq -w 1 "$stacks"); do
    project="$ws/apps/bench-$n"
    mkdir -p "$project/dev/ci-test"
    cp -r konfig/apps/status-page/base "$project/"
    cp konfig/apps/status-page/dev/{kcl.yaml,main.k,stack.yaml} "$project/dev/"
    printf 'name: bench-%s\ntenant: platform\n' "$n" >"$project/project.yaml"
    printf 'kcl_options:\n  - key: app\n    value: bench-%s\n  - key: env\n    value: dev\n  - key: cluster\n    value: dev-eu-1\n' \
        "$n" >"$project/dev/ci-test/settings.yaml"
    # Each stack on its own NodePort, as real stacks of one cluster would be.
    sed -i "s/nodePort = 30080/nodePort = $((30100 + 10#$n))/" "$project/dev/main.k"
done

# The merge preview, as actions/checkout gives it: main, a feature commit changing sizes.tiny (which every stack
# uses), and the merge of it into main on top, so HEAD^1..HEAD is the pull request's change.
g() { git -C "$work/repo" -c user.name=bench -c user.email=bench@konfig.local "$@"; }
g init -q -b main
g add -A
g commit -q -m "10 stacks"
base_sha=$(g rev-parse HEAD)
g checkout -q -b feature
sed -i 's/limits = {cpu = "200m", memory = "128Mi"}/limits = {cpu = "200m", memory = "160Mi"}/' "$ws/base/pkg/platform/sizes/sizes.k"
g commit -q -am "tiny: 160Mi memory limit"
head_sha=$(g rev-parse HEAD)
g checkout -q main
g merge -q --no-ff -m "Merge preview" feature
echo "workspace: $stacks stacks; the pull request changes $(g diff --name-only HEAD^1 HEAD)"

# The event: the pull_request "opened" example of @octokit/webhooks-examples, made this pull request's.
python3 - "$examples" "$work/event.json" "$pr" "$head_sha" "$base_sha" "$owner_repo" <<'PY'
import json, sys
examples, out, number, head, base, full_name = sys.argv[1:]
events = {e["name"]: e["examples"] for e in json.load(open(examples))}
payload = next(p for p in events["pull_request"] if p["action"] == "opened")
payload["number"] = payload["pull_request"]["number"] = int(number)
payload["pull_request"]["head"]["sha"] = head
payload["pull_request"]["base"]["sha"] = base
payload["repository"]["full_name"] = full_name
json.dump(payload, open(out, "w"))
PY

echo "Starting the fakes (GitHub on port $github_port, Kubernetes on port $kube_port) with ${latency_ms} ms latency ..."
dotnet build tests/Konfig.FakeKube -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet build tests/Konfig.FakeGitHub -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet tests/Konfig.FakeKube/bin/Release/net10.0/Konfig.FakeKube.dll --port "$kube_port" --latency-ms "$latency_ms" \
    --kubeconfig "$work/kubeconfig" >"$work/kube.log" 2>&1 &
kube_pid=$!
dotnet tests/Konfig.FakeGitHub/bin/Release/net10.0/Konfig.FakeGitHub.dll --port "$github_port" --latency-ms "$latency_ms" \
    --seed-repo "$owner_repo" --seed-pr "$pr:$head_sha:$base_sha" >"$work/github.log" 2>&1 &
github_pid=$!
# KONFIG_BENCH_KEEP=1 keeps the repository, the payload and the fakes' answers in $work, to look into.
trap 'kill $kube_pid $github_pid 2>/dev/null || true; wait $kube_pid $github_pid 2>/dev/null || true; [ -n "${KONFIG_BENCH_KEEP:-}" ] || rm -rf "$work"' EXIT
for _ in $(seq 1 100); do
    [ -f "$work/kubeconfig" ] && grep -q "listening on" "$work/github.log" && break
    sleep 0.1
done
[ -f "$work/kubeconfig" ] || { echo "the fake API server did not start:" >&2; cat "$work/kube.log" >&2; exit 1; }
grep -q "listening on" "$work/github.log" || { echo "the fake GitHub did not start:" >&2; cat "$work/github.log" >&2; exit 1; }
github="http://127.0.0.1:$github_port"

# What a GitHub Actions job would set, the fakes in place of GitHub and the cluster.
export GITHUB_EVENT_NAME=pull_request GITHUB_EVENT_PATH="$work/event.json" GITHUB_TOKEN=personal-token \
    GITHUB_API_URL="$github/" GITHUB_WORKSPACE="$work/repo"
action="$konfig bot action --konfig-dir konfig --kubeconfig $work/kubeconfig --state-dir $work/state"

# One untimed run checks the answer first (and warms the file cache).
if ! $action >"$work/first.txt" 2>&1; then
    echo "konfig bot action failed:" >&2
    cat "$work/first.txt" >&2
    exit 1
fi
grep -q "previewed $stacks stack(s)" "$work/first.txt" || { echo "expected $stacks stacks previewed:" >&2; cat "$work/first.txt" >&2; exit 1; }

# Before each timed run, hyperfine's --prepare deletes the bot's comments (through the fake's REST routes, so a
# bad request would be a violation too): a re-run with an unchanged preview leaves the comment alone, so only
# a pull request without the comment shows the time to post it. Then it notes the start (Unix ms), to pair
# with the comment's writes in the fake's request log.
cat >"$work/prepare.sh" <<SH
#!/bin/sh
set -e
for id in \$(curl -sf "$github/_fake/state" | python3 -c 'import json,sys; print(*(c["id"] for r in json.load(sys.stdin)["repositories"] for p in r["pull_requests"] for c in p["comments"]))'); do
    curl -sf -X DELETE -H "Authorization: token test-token" "$github/repos/$owner_repo/issues/comments/\$id"
done
date +%s%3N >>"$work/starts.txt"
SH
chmod +x "$work/prepare.sh"

bench_start
hyperfine -N --runs "$runs" --export-json "$work/bench.json" --prepare "$work/prepare.sh" \
    --command-name "konfig bot action" "$action" | tee "$work/bench.txt"
end_load=$(cut -d' ' -f1-3 /proc/loadavg)

curl -sf "$github/_fake/state" >"$work/state.json"
curl -sf "$github/_fake/requests" >"$work/requests.json"
curl -sf "$github/_fake/violations" >"$work/violations.json"

# Checks and figures: one comment naming all 10 stacks, statuses on the head commit, no violations; then
# min/median/max of the whole process (hyperfine) and of start → comment written (the fake's request log).
python3 - "$work" "$stacks" "$head_sha" "$target_s" >"$work/figures.txt" <<'PY'
import json, statistics, sys
work, stacks, head, target = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4])
state = json.load(open(f"{work}/state.json"))["repositories"][0]
comments = state["pull_requests"][0]["comments"]
violations = json.load(open(f"{work}/violations.json"))
problems = []
# The preview may be split into parts (each below GitHub's 65,536 characters): together they must list every stack.
bodies = "".join(c["body"] for c in comments)
if not comments or any(c["user"] != "konfig[bot]" or not c["body"].startswith("<!-- konfig:preview") for c in comments):
    problems.append(f"expected the bot's preview comment, found {[c['body'][:60] for c in comments]}")
missing = [n for n in range(1, stacks + 1) if f"konfig/apps/bench-{n:02}/dev" not in bodies]
if missing:
    problems.append(f"the comment does not list stacks {missing}")
contexts = {s["context"] for s in state["statuses"] if s["sha"] == head}
if len(contexts) != stacks + 1:
    problems.append(f"expected {stacks + 1} status contexts on {head}, found {len(contexts)}")
if violations:
    problems.append(f"{len(violations)} violation(s) of GitHub's REST description: {violations[:3]}")
# Each timed run's comment writes: those received after its start and before the next run's.
starts = [int(line) for line in open(f"{work}/starts.txt")]
posts = [r["received_at"] for r in json.load(open(f"{work}/requests.json"))
         if r["method"] == "POST" and r["template"] == "/repos/{owner}/{repo}/issues/{issue_number}/comments"]
first, last = [], []
for i, start in enumerate(starts):
    end = starts[i + 1] if i + 1 < len(starts) else float("inf")
    run = [t for t in posts if start <= t < end]
    if len(run) != len(comments):
        problems.append(f"timed run {i + 1} wrote {len(run)} comment part(s), not {len(comments)}")
        continue
    first.append((min(run) - start) / 1000)
    last.append((max(run) - start) / 1000)
whole = json.load(open(f"{work}/bench.json"))["results"][0]["times"]
def fig(xs): return f"{min(xs):.2f} | {statistics.median(xs):.2f} | {max(xs):.2f}" if xs else "n/a | n/a | n/a"
def met(xs): return "yes" if xs and max(xs) <= target else "no"
print(f"PROBLEMS={len(problems)}")
for p in problems: print(f"PROBLEM {p}")
print(f"PARTS={len(comments)}")
print(f"STATUSES={len(state['statuses'])}")
print(f"FIRST_ROW={fig(first)}")
print(f"LAST_ROW={fig(last)}")
print(f"WHOLE_ROW={fig(whole)}")
print(f"FIRST_MET={met(first)}")
print(f"LAST_MET={met(last)}")
print(f"WHOLE_MET={met(whole)}")
print(f"AFTER_COMMENT={statistics.median(whole) - statistics.median(last) if last else float('nan'):.1f}")
PY
fig() { sed -n "s/^$1=//p" "$work/figures.txt"; }
if [ "$(fig PROBLEMS)" != 0 ]; then
    echo "the fake GitHub does not hold what it should:" >&2
    sed -n 's/^PROBLEM //p' "$work/figures.txt" >&2
    exit 1
fi

mkdir -p "$results_dir"
{
    echo "# Bot benchmark: pull-request event → preview comment, 10 affected stacks"
    echo
    echo "Produced by \`build/bench-bot.sh\`: \`konfig bot action\` (the published self-contained build, \`lib/konfig\`) as"
    echo "a GitHub Actions job runs it, handling the \`pull_request\` \"opened\" example of \`@octokit/webhooks-examples\`"
    echo "(number, head sha and repository set). The checkout is a generated git repository: our \`konfig/\` models and"
    echo "$stacks projects with one stack each (copies of \`status-page/dev\`: Deployment, Service, ConfigMap, CronJob),"
    echo "and a merge preview whose change (\`base/pkg/platform/sizes/sizes.k\`, the \`tiny\` memory limit) affects all"
    echo "$stacks stacks. The fake GitHub (\`tests/Konfig.FakeGitHub\`, checking every request against GitHub's REST"
    echo "description) and the fake API server (\`tests/Konfig.FakeKube\`, empty cluster, local state) run as programs on"
    echo "127.0.0.1, each adding **${latency_ms} ms to every request**. hyperfine, $runs runs after one untimed run; before"
    echo "each run (untimed, hyperfine's \`--prepare\`) the bot's comment is deleted, so every run posts it anew, as on"
    echo "a pull request's first event. Commit statuses are not removed ($(fig STATUSES) held at the end)."
    echo
    bench_facts
    echo "- Load average at the end: $end_load"
    echo "- Checked after the runs: the pull request holds the bot's preview comment listing all $stacks stacks (in"
    echo "  $(fig PARTS) part(s): each part stays below GitHub's 65,536 characters), the head commit has the \`konfig\`"
    echo "  status and one per stack, and the fake GitHub recorded no violations of the REST description."
    echo
    echo "| measured | min s | median s | max s |"
    echo "|---|---:|---:|---:|"
    echo "| process start → first comment part posted | $(fig FIRST_ROW) |"
    echo "| process start → whole comment posted (last part) | $(fig LAST_ROW) |"
    echo "| process start → exit (hyperfine) | $(fig WHOLE_ROW) |"
    echo
    echo "Target (issue 11): PR event → comment posted for $stacks affected stacks, ≤ ${target_s} s:"
    echo "**$(fig LAST_MET)** for the whole comment in every run (first part: $(fig FIRST_MET)); the whole process:"
    echo "$(fig WHOLE_MET)."
    echo
    echo "\"Posted\" is when the fake GitHub received the comment's POST (its request log, Unix ms), against the time"
    echo "the \`--prepare\` step noted just before hyperfine started the process (same clock). The GitHub client spaces"
    echo "mutating requests a second apart, as GitHub advises (\`GitHubApiOptions.MutationSpacing\`): each comment part"
    echo "after the first waits that second, and the process exits only after the $((stacks + 1)) commit statuses that"
    echo "follow the comment, $(fig AFTER_COMMENT) s after the last part (medians)."
} >"$results"
echo "wrote $results"
cat "$results"
