#!/usr/bin/env bash
# Benchmarks `konfig affected` on a synthetic monorepo of 10,000 stacks (50,000+ files) committed in git:
# a one-file change under a shared package (base/pkg/platform/sizes/sizes.k, imported by every stack),
# measured as whole processes against `git diff --name-only` between the same commits, in one hyperfine
# run so the ratio holds on a noisy machine. Three cases of `konfig affected --base HEAD~1`:
#   - cold:  no snapshot cached under .git/konfig (as on a fresh CI clone): reads every relevant blob once;
#   - base cached: the base commit's snapshot cached (as after a run on main): reads only the change;
#   - warm:  the head's snapshot cached (a re-run).
# Peak RSS from GNU time. Writes build/results/affected-bench.md.
# Usage:
#   build/bench-affected.sh                 # publish the CLI like build/bench.sh (self-contained ReadyToRun composite)
#   build/bench-affected.sh --no-publish    # reuse the CLI published by the last run
#   KONFIG_BENCH_STACKS=1000 build/bench-affected.sh
# Needs hyperfine and GNU time (Debian packages hyperfine, time); without them it prints the apt-get command.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
# shellcheck source=build/bench-common.sh
source build/bench-common.sh

bench_options "$@"

bench_require hyperfine:hyperfine time:/usr/bin/time

stacks=${KONFIG_BENCH_STACKS:-10000}
runs=${KONFIG_BENCH_RUNS:-20}
results_dir="$repo/build/results"
results="$results_dir/affected-bench.md"
synth="${KONFIG_SYNTH_DIR:-/tmp}/konfig-affected-$stacks"
changed=base/pkg/platform/sizes/sizes.k

bench_cli "$do_publish"

echo "Generating $stacks stacks in $synth and committing them ..."
build/generate-monorepo.sh "$stacks" "$synth" 1 >/dev/null
git -C "$synth" init -q -b main
git -C "$synth" add -A
git -C "$synth" -c user.name=bench -c user.email=bench@localhost commit -qm "synthetic monorepo"
printf '\n# a one-line change under a shared package\n' >>"$synth/$changed"
git -C "$synth" -c user.name=bench -c user.email=bench@localhost commit -qam "change $changed"
files=$(git -C "$synth" ls-files | wc -l)
head_tree=$(git -C "$synth" rev-parse 'HEAD^{tree}')
snapshots="$synth/.git/konfig/snapshots"

bench_start

# The answer first: every stack imports the changed package, so all of them must be affected.
affected=$(cd "$synth" && "$konfig" affected --base HEAD~1 --format json --no-cache | grep -c '"deleted"')
echo "affected stacks: $affected of $stacks"

# Cold: nothing cached. Base cached: only the base commit's snapshot kept. Warm: the head's snapshot too.
cd "$synth"
hyperfine -N --runs "$runs" --export-json /tmp/affected-bench.json \
    --command-name "git diff --name-only HEAD~1 HEAD" --prepare "true" "git diff --name-only HEAD~1 HEAD" \
    --command-name "konfig affected (cold)" --prepare "rm -rf .git/konfig" "$konfig affected --base HEAD~1" \
    --command-name "konfig affected (base cached)" --prepare "sh -c 'rm -f $snapshots/$head_tree.snapshot; $konfig affected --base HEAD~1 --head HEAD~1 >/dev/null'" "$konfig affected --base HEAD~1" \
    --command-name "konfig affected (warm)" --prepare "$konfig affected --base HEAD~1" "$konfig affected --base HEAD~1" \
    >/tmp/affected-bench.txt
cat /tmp/affected-bench.txt

rss() { /usr/bin/time -f '%M' -o /tmp/affected-rss "$@" >/dev/null 2>&1; echo $(( $(cat /tmp/affected-rss) / 1024 )); }
rm -rf .git/konfig
cold_rss=$(rss "$konfig" affected --base HEAD~1)
warm_rss=$(rss "$konfig" affected --base HEAD~1)
git_rss=$(rss git diff --name-only HEAD~1 HEAD)
cd "$repo"

row() {
    # row NAME: mean and stddev in ms, and the ratio to git diff, from hyperfine's JSON.
    python3 - "$1" <<'PY'
import json, sys
data = {r["command"]: r for r in json.load(open("/tmp/affected-bench.json"))["results"]}
git = data["git diff --name-only HEAD~1 HEAD"]["mean"]
r = data[sys.argv[1]]
print(f'{r["mean"] * 1000:.1f} | {r["stddev"] * 1000:.1f} | {r["min"] * 1000:.1f} | {r["mean"] / git:.0f}×')
PY
}

mkdir -p "$results_dir"
{
    echo "# konfig affected: change-detection benchmark"
    echo
    echo "Produced by \`build/bench-affected.sh\`: a synthetic monorepo of $stacks stacks and $files files"
    echo "(\`build/generate-monorepo.sh $stacks\`), committed in git, then one commit changing \`$changed\`,"
    echo "a shared package every stack imports. Each row is a whole process, \`konfig affected --base HEAD~1\`,"
    echo "timed by hyperfine ($runs runs each, in one run with \`git diff --name-only HEAD~1 HEAD\`); peak RSS by GNU time."
    echo
    bench_facts
    echo "- Answer checked: $affected of $stacks stacks affected (all of them import the package)"
    echo
    echo "| command | mean ms | σ ms | min ms | × git diff |"
    echo "|---|---:|---:|---:|---:|"
    for name in "git diff --name-only HEAD~1 HEAD" "konfig affected (cold)" "konfig affected (base cached)" "konfig affected (warm)"; do
        echo "| $name | $(row "$name") |"
    done
    echo
    echo "Peak RSS: konfig affected cold $cold_rss MiB, warm $warm_rss MiB; git diff $git_rss MiB."
    echo
    echo "Targets (issue 5): ≤ 500 ms wall, ≤ 3 × git diff, ≤ 500 MiB."
} >"$results"
echo "wrote $results"
cat "$results"
