#!/usr/bin/env bash
# Benchmarks `konfig rewrite` on a synthetic monorepo of 10,000 stacks committed in git
# (build/generate-monorepo.sh: N/2 projects × dev, prod): one override that changes every stack's main.k,
# `konfig rewrite --all -O SPEC --commit`, as one process under GNU time (wall, peak RSS).
# The rewrite compiles every touched stack from the new texts before anything is committed.
# Then checks the result with `konfig affected` between the base commit and the rewrite's branch:
# the affected stacks must be exactly the rewritten ones (every stack), and nothing else may have changed
# (the checkout stays clean, HEAD stays on main).
# Target: ≤ 30 s wall and ≤ 1 GiB peak RSS at 10,000 stacks.
# Writes build/results/rewrite-bench.md.
# Usage:
#   build/bench-rewrite.sh                    # publish the CLI like build/bench.sh (self-contained ReadyToRun composite)
#   build/bench-rewrite.sh --no-publish       # reuse the CLI published by the last run
#   KONFIG_BENCH_STACKS=1000 build/bench-rewrite.sh
#   KONFIG_BENCH_SPEC='app.replicas=2' build/bench-rewrite.sh
# Needs GNU time and python3; without GNU time it prints the apt-get command and stops.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
# shellcheck source=build/bench-common.sh
source build/bench-common.sh

bench_options "$@"

bench_require time:/usr/bin/time python3:python3

stacks=${KONFIG_BENCH_STACKS:-10000}
# Every generated main.k (dev and prod) declares `app: frontend.Application {...}`, whose labels default to {}:
# setting them changes every stack's main.k and every spec.
spec=${KONFIG_BENCH_SPEC:-'app.labels={"konfig.io/rewritten": "bench"}'}
results_dir="$repo/build/results"
results="$results_dir/rewrite-bench.md"
synth="${KONFIG_SYNTH_DIR:-/tmp}/konfig-rewrite-$stacks"

bench_cli "$do_publish"

echo "Generating $stacks stacks in $synth and committing them ..."
build/generate-monorepo.sh "$stacks" "$synth" 1 >/dev/null
git -C "$synth" init -q -b main
git -C "$synth" config user.name bench
git -C "$synth" config user.email bench@localhost
git -C "$synth" add -A
git -C "$synth" commit -qm "synthetic monorepo"
base=$(git -C "$synth" rev-parse HEAD)

bench_start
out=$(mktemp -d)
echo "konfig rewrite --all -O '$spec' --commit ..."
status=0
(cd "$synth" && /usr/bin/time -f '%e %M %U %S' -o "$out/time" \
    "$konfig" rewrite --all -O "$spec" --commit >"$out/stdout" 2>"$out/stderr") || status=$?
read -r wall rss_kb user sys <"$out/time"
rss_mib=$((rss_kb / 1024))
cat "$out/stdout" "$out/stderr" | tail -n 5 | sed 's/^/  /'
echo "  $wall s wall, $rss_mib MiB peak, exit $status"
if [ "$status" != 0 ]; then
    echo "the rewrite failed (exit $status); see above" >&2
    exit 1
fi

branch=$(grep -o 'branch konfig/rewrite/[^ ]*' "$out/stdout" | head -n 1 | cut -d' ' -f2)
if [ -z "$branch" ]; then
    echo "no rewrite branch named in the output" >&2
    exit 1
fi

# What the rewrite touched, according to git: the stacks whose main.k changed between main and the branch.
git -C "$synth" diff --name-only "$base" "$branch" | sed -n 's#/main\.k$##p' | sort >"$out/rewritten"
# What change detection says that commit affects.
(cd "$synth" && "$konfig" affected --base "$base" --head "$branch" --format json --no-cache) >"$out/affected.json"
python3 - "$out/affected.json" <<'PY' | sort >"$out/affected"
import json, sys
for stack in json.load(open(sys.argv[1]))["stacks"]:
    print(stack["path"])
PY
rewritten=$(wc -l <"$out/rewritten")
affected=$(wc -l <"$out/affected")
same=no
if cmp -s "$out/rewritten" "$out/affected"; then same=yes; fi
clean=no
if [ -z "$(git -C "$synth" status --porcelain)" ] && [ "$(git -C "$synth" rev-parse HEAD)" = "$base" ] \
    && [ "$(git -C "$synth" symbolic-ref --short HEAD)" = main ]; then clean=yes; fi
echo "  rewritten stacks: $rewritten; affected stacks: $affected; same set: $same; checkout untouched: $clean"

# The other modes, on the same monorepo, each one process under GNU time: writing in place with the goldens
# updated (then committed, so every stack has a fresh golden), and a dry run of a second spec, whose
# resource-level preview reads the old side from those goldens.
timed() { # label, then the command; prints "label|wall|MiB|exit"
    local label=$1; shift
    local code=0
    (cd "$synth" && /usr/bin/time -f '%e %M' -o "$out/time.mode" "$@" >"$out/mode.out" 2>"$out/mode.err") || code=$?
    local w kb
    read -r w kb <"$out/time.mode"
    echo "  $label: $w s wall, $((kb / 1024)) MiB peak, exit $code" >&2
    echo "$label|$w|$((kb / 1024))|$code"
}
modes=()
modes+=("$(timed "write in place, --update-goldens" "$konfig" rewrite --all -O "$spec" --update-goldens)")
git -C "$synth" add -A && git -C "$synth" commit -qm "rewritten, goldens updated"
second_spec=${spec/bench/bench-2}
modes+=("$(timed "--dry-run of a second spec (diff and preview)" "$konfig" rewrite --all -O "$second_spec" --dry-run)")
git -C "$synth" reset -q --hard "$base"

verdict=$(awk -v w="$wall" -v r="$rss_mib" 'BEGIN { print (w <= 30 && r <= 1024) ? "met" : "NOT met" }')
mkdir -p "$results_dir"
{
    echo "# konfig rewrite: bulk rewrite benchmark"
    echo
    echo "Produced by \`build/bench-rewrite.sh\`. One process, first run, no warm-up: \`konfig rewrite --all -O SPEC --commit\`"
    echo "on a synthetic monorepo committed in git; wall and peak RSS from GNU time."
    echo
    bench_facts
    echo "- Monorepo: \`build/generate-monorepo.sh $stacks DIR 1\`; spec: \`$spec\`"
    echo
    echo "| stacks | exit | wall s | user s | sys s | peak RSS MiB | rewritten | affected | same set | checkout untouched | target (≤ 30 s, ≤ 1024 MiB) |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|"
    echo "| $stacks | $status | $wall | $user | $sys | $rss_mib | $rewritten | $affected | $same | $clean | $verdict |"
    echo
    echo "Other modes, same monorepo, same run (the dry run's spec: \`$second_spec\`):"
    echo
    echo "| mode | wall s | peak RSS MiB | exit |"
    echo "|---|---:|---:|---:|"
    for mode in "${modes[@]}"; do
        IFS='|' read -r label w mib code <<<"$mode"
        echo "| $label | $w | $mib | $code |"
    done
    echo
    echo "- Load average at the end (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$results"
rm -rf "$out"
echo "wrote $results"
cat "$results"
if [ "$same" != yes ] || [ "$clean" != yes ]; then
    exit 1
fi
