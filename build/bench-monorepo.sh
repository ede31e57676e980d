#!/usr/bin/env bash
# Benchmarks `konfig compile --all` on monorepos of growing size, one process each, first run (no warm-up):
# the 22 stacks of ../shared/konfig-reference, then synthetic monorepos of N stacks on our own models
# (build/generate-monorepo.sh). Measures wall time and peak RSS with GNU time; specs are written with
# -o to a scratch folder on the same disk (as a user would), then removed.
# Writes build/results/monorepo-bench.md.
# Usage:
#   build/bench-monorepo.sh                     # publish like build/bench.sh (self-contained ReadyToRun composite), N = 100 1000 10000
#   build/bench-monorepo.sh --no-publish        # reuse the CLI published by the last run
#   KONFIG_BENCH_SIZES="100 1000" build/bench-monorepo.sh
# Installs nothing: without GNU time it prints the apt-get command and stops.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
# shellcheck source=build/bench-common.sh
source build/bench-common.sh

bench_options "$@"

sizes=${KONFIG_BENCH_SIZES:-100 1000 10000}
shared=${KONFIG_SHARED_DIR:-$repo/../shared}
reference="$shared/konfig-reference"
results_dir="$repo/build/results"
results="$results_dir/monorepo-bench.md"
synth_root=${KONFIG_SYNTH_DIR:-/tmp}

bench_require time:/usr/bin/time

bench_cli "$do_publish"

bench_start
rows=()
growth=()

# measure LABEL DIR STACKS TARGET_WALL TARGET_RSS_MIB: one `compile --all` from DIR, recorded as a table row.
measure() {
    local label=$1 dir=$2 stacks=$3 target_wall=$4 target_rss=$5
    local out timing status
    out=$(mktemp -d)
    timing=$(mktemp)
    echo "compile --all: $label ..."
    status=0
    (cd "$dir" && /usr/bin/time -f '%e %M %U %S' -o "$timing" "$konfig" compile --all -o "$out/specs" >/dev/null 2>"$out/stderr") || status=$?
    read -r wall rss_kb user sys <"$timing"
    local specs rss_mib per_stack verdict
    specs=$(find "$out/specs" -name '*.yaml' 2>/dev/null | wc -l)
    rss_mib=$((rss_kb / 1024))
    per_stack=$(awk -v w="$wall" -v n="$stacks" 'BEGIN { printf "%.2f", w * 1000 / n }')
    verdict="-"
    if [ -n "$target_wall" ]; then
        verdict=$(awk -v w="$wall" -v tw="$target_wall" -v r="$rss_mib" -v tr="$target_rss" \
            'BEGIN { ok = w <= tw && (tr == "" || r <= tr); printf "%s (≤ %s s%s)", ok ? "met" : "NOT met", tw, tr == "" ? "" : ", ≤ " tr " MiB" }')
    fi
    echo "  $wall s wall, $rss_mib MiB peak, $specs specs, exit $status"
    [[ "$label" == synthetic* ]] && growth+=("$stacks $wall")
    rows+=("| $label | $stacks | $specs | $status | $wall | $user | $sys | $rss_mib | $per_stack | $verdict |")
    tail -n 1 "$out/stderr" | sed 's/^/  /'
    rm -rf "$out" "$timing"
}

if [ -d "$reference" ]; then
    ref_stacks=$(find "$reference" -name stack.yaml | wc -l)
    measure "konfig-reference" "$reference" "$ref_stacks" 2 ""
else
    echo "no $reference: skipping the reference monorepo (set KONFIG_SHARED_DIR)" >&2
fi

for n in $sizes; do
    dir="$synth_root/konfig-synth-$n"
    if [ ! -f "$dir/.generated-by-$bench_commit" ]; then
        build/generate-monorepo.sh "$n" "$dir" 1 >/dev/null
        touch "$dir/.generated-by-$bench_commit"
    fi
    target_wall=""; target_rss=""
    if [ "$n" = 10000 ]; then target_wall=60; target_rss=2048; fi
    measure "synthetic N=$n" "$dir" "$n" "$target_wall" "$target_rss"
done

mkdir -p "$results_dir"
{
    echo "# konfig compile --all: monorepo benchmark"
    echo
    echo "Produced by \`build/bench-monorepo.sh\` (sizes: $sizes). One process per row, first run, no warm-up;"
    echo "specs written with \`-o\` to a scratch folder. Wall and peak RSS from GNU time (\`/usr/bin/time\`)."
    echo
    bench_facts
    echo "- Synthetic monorepos: \`build/generate-monorepo.sh N /tmp/konfig-synth-N 1\` (N/2 projects × dev, prod)"
    echo
    echo "| monorepo | stacks | specs written | exit | wall s | user s | sys s | peak RSS MiB | ms per stack | target |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"
    printf '%s\n' "${rows[@]}"
    echo
    echo "Growth with N (synthetic): the marginal cost of each added stack between consecutive sizes."
    echo "A constant marginal cost means linear growth; start-up and JIT warm-up weigh on small N only."
    echo
    printf '%s\n' "${growth[@]}" | awk 'NR > 1 { printf "- N %d → %d: %.2f ms per added stack\n", n, $1, ($2 - w) * 1000 / ($1 - n) } { n = $1; w = $2 }'
} >"$results"
echo "wrote $results"
cat "$results"
