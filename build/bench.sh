#!/usr/bin/env bash
# Benchmarks `konfig kcl run test.k` against `jsonnet test.jsonnet` (the KCL blog's 10,000-entry program,
# ../shared/bench), for each form users install konfig in, side by side in one run on this machine, and
# writes build/results/kcl-bench.md. The forms (build/publish.sh makes them):
#   native          build/.publish/konfig-RID/konfig, the NativeAOT executable (what the README recommends)
#   self-contained  build/.publish/konfig-RID/lib/konfig, the self-contained ReadyToRun composite build
#   tool            the dotnet tool package, installed with `dotnet tool install --tool-path` into build/.bench/tool
# Usage:
#   build/bench.sh                      # publish every form, measure, write the results
#   build/bench.sh --no-publish         # measure what the last build/publish.sh made
#   KONFIG_BENCH_RUNS=30 build/bench.sh # runs per command (default 10), in KONFIG_BENCH_ROUNDS rounds (default 2)
# Installs nothing: when jsonnet, hyperfine or GNU time are missing it prints the apt-get command and stops.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

do_publish=1
while [ $# -gt 0 ]; do
    case "$1" in
        --no-publish) do_publish=0; shift ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done

runs=${KONFIG_BENCH_RUNS:-10}
shared=${KONFIG_SHARED_DIR:-$repo/../shared}
bench_source="$shared/bench"
results_dir="$repo/build/results"
results="$results_dir/kcl-bench.md"
work="$repo/build/.bench"
missing=()
command -v jsonnet >/dev/null || missing+=(jsonnet)
command -v hyperfine >/dev/null || missing+=(hyperfine)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
    echo "missing: ${missing[*]}. Install them with:" >&2
    echo "    sudo apt-get install -y ${missing[*]}" >&2
    exit 2
fi

if [ ! -f "$bench_source/test.k" ] || [ ! -f "$bench_source/test.jsonnet" ]; then
    echo "no benchmark inputs at $bench_source (set KONFIG_SHARED_DIR)" >&2
    exit 2
fi

# --- The forms ------------------------------------------------------------------------------------
if [ "$do_publish" = 1 ]; then
    build/publish.sh all
fi
rid=$(dotnet --info | awk '$1 == "RID:" { print $2; exit }')
native="$repo/build/.publish/konfig-$rid/konfig"
self_contained="$repo/build/.publish/konfig-$rid/lib/konfig"
tool_dir="$work/tool"
rm -rf "$tool_dir"
dotnet tool install Konfig.Cli --tool-path "$tool_dir" --add-source "$repo/build/.packages" >/dev/null
tool="$tool_dir/konfig"
forms=(native self-contained tool)
declare -A form_path=([native]="$native" [self-contained]="$self_contained" [tool]="$tool")
for form in "${forms[@]}"; do
    if [ ! -x "${form_path[$form]}" ]; then
        echo "no $form build at ${form_path[$form]} (run without --no-publish)" >&2
        exit 2
    fi
done

# --- Run from a scratch copy of the inputs ---------------------------------------------------------
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp "$bench_source/test.k" "$bench_source/test.jsonnet" "$scratch/"
cd "$scratch"

# Same data: both compute a(1, 2) = max(1, 2) for each i. KCL keys the values "a0".."a9999" in a dict
# (range(10000) stops before 10000); Jsonnet lists them, and its std.range(0, 10000) includes 10000, so
# it computes one more, as in the blog. Compare the keys' order and the values one by one, for every form.
jsonnet test.jsonnet > jsonnet.out
awk '/^ *-?[0-9]+,?$/ { gsub(/[ ,]/, ""); print }' jsonnet.out > jsonnet.values
seq 0 9999 | sed 's/^/a/' > expected.keys
for form in "${forms[@]}"; do
    "${form_path[$form]}" kcl run test.k > konfig.out
    awk '/^  a[0-9]+: / { sub(":", "", $1); print $1 }' konfig.out > konfig.keys
    awk '/^  a[0-9]+: / { print $2 }' konfig.out > konfig.values
    if ! head -n 1 konfig.out | grep -qx 'temp:' || ! cmp -s konfig.keys expected.keys \
        || ! cmp -s konfig.values <(head -n 10000 jsonnet.values) || [ "$(wc -l < jsonnet.values)" -ne 10001 ]; then
        echo "outputs differ: konfig ($form) and jsonnet did not compute the same values" >&2
        diff <(head -n 5 konfig.values) <(head -n 5 jsonnet.values) >&2 || true
        exit 1
    fi
done
echo "Outputs agree for every form: the same value for each of a0..a9999, in order (jsonnet's inclusive range adds one)."

# --- Wall time, side by side -----------------------------------------------------------------------
# All commands in each hyperfine run, in rounds that rotate which goes first, so a change in the machine's
# load during the run (it is shared) does not fall on one command only.
rounds=${KONFIG_BENCH_ROUNDS:-2}
runs_per_round=$(( (runs + rounds - 1) / rounds ))
names=("${forms[@]}" jsonnet)
declare -A command_of=([jsonnet]="jsonnet test.jsonnet")
for form in "${forms[@]}"; do command_of[$form]="${form_path[$form]} kcl run test.k"; done
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
for round in $(seq "$rounds"); do
    order=()
    for k in $(seq 0 $(( ${#names[@]} - 1 ))); do
        name=${names[$(( (k + round - 1) % ${#names[@]} ))]}
        order+=(--command-name "$name" "${command_of[$name]}")
    done
    hyperfine -N --warmup 3 --runs "$runs_per_round" "${order[@]}" \
        --export-csv "round-$round.csv" --export-markdown "round-$round.md"
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

# Combine the rounds (same number of runs each): mean of means, min of mins, median of medians,
# mean user and system times.
awk -F, 'FNR == 1 { next }
    { n[$1]++; mean[$1] += $2; user[$1] += $5; sysmean[$1] += $6; medians[$1] = medians[$1] " " $4
      if (!($1 in min) || $7 < min[$1]) min[$1] = $7 }
    END {
        print "command,mean,stddev,median,user,system,min,max"
        for (c in n) {
            count = split(medians[c], m, " "); for (i = 1; i <= count; i++) for (j = i + 1; j <= count; j++) if (m[j] < m[i]) { t = m[i]; m[i] = m[j]; m[j] = t }
            median = (count % 2) ? m[(count + 1) / 2] : (m[count / 2] + m[count / 2 + 1]) / 2
            printf "%s,%s,,%s,%s,%s,%s,\n", c, mean[c] / n[c], median, user[c] / n[c], sysmean[c] / n[c], min[c]
        }
    }' round-*.csv > times.csv

# --- Peak memory: the largest max RSS of 5 runs each ------------------------------------------------
peak_rss() {
    local max=0 value
    for _ in 1 2 3 4 5; do
        value=$(/usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -n 1)
        [ "$value" -gt "$max" ] && max=$value
    done
    echo "$max"
}
declare -A rss
for name in "${names[@]}"; do
    # shellcheck disable=SC2086 # the command is words on purpose
    rss[$name]=$(peak_rss ${command_of[$name]})
done

# --- Numbers --------------------------------------------------------------------------------------
# times.csv: command,mean,stddev,median,user,system,min,max (seconds)
field() { awk -F, -v name="$1" -v column="$2" '$1 == name { print $column }' times.csv; }
ms() { awk -v seconds="$1" 'BEGIN { printf "%.1f", seconds * 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
mib() { awk -v kib="$1" 'BEGIN { printf "%.1f", kib / 1024 }'; }
cpu() { awk -v u="$(field "$1" 5)" -v s="$(field "$1" 6)" 'BEGIN { print u + s }'; }
j_mean=$(field jsonnet 2); j_median=$(field jsonnet 4); j_min=$(field jsonnet 7); j_cpu=$(cpu jsonnet)

cpu_model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
memory_total=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
commit=$(git -C "$repo" rev-parse --short HEAD)
dirty=$(git -C "$repo" status --porcelain --untracked-files=no -- . ':!build/results' | grep -q . && echo " (with uncommitted changes)" || true)

mkdir -p "$results_dir"
{
    echo "# KCL benchmark: konfig vs jsonnet"
    echo
    echo "Written by \`build/bench.sh\`; figures are from one run on one machine, every form and jsonnet measured"
    echo "side by side in the same hyperfine runs. Compare ratios, not absolute times."
    echo
    echo "| | |"
    echo "| --- | --- |"
    echo "| date | $(date -u '+%Y-%m-%d %H:%M UTC') |"
    echo "| machine | $(nproc) cores, $cpu_model, $memory_total, $(uname -sr) |"
    echo "| load average (1, 5, 15 min) | $load_start at the start of timing, $load_end at its end |"
    echo "| konfig | commit $commit$dirty, .NET $(dotnet --list-runtimes | awk '/Microsoft.NETCore.App/ { v = $2 } END { print v }'), $rid |"
    echo "| jsonnet | $(jsonnet --version 2>&1 | head -n 1) |"
    echo "| hyperfine | $(hyperfine --version), $rounds rounds of $runs_per_round runs each (after 3 warm-up runs), rotating which goes first; no shell |"
    echo "| program | ../shared/bench/test.k and test.jsonnet (10,000 entries; Jsonnet's inclusive range makes 10,001); values checked equal for every form |"
    echo
    echo "## Result"
    echo
    echo "Ratio: konfig's wall time over jsonnet's, both means of the same runs. Goal for the recommended form (native): ≤ 0.08."
    echo
    echo "| form | wall mean | ratio (mean) | wall median | ratio (median) | wall min | CPU mean | peak RSS |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    for name in "${forms[@]}" jsonnet; do
        mean=$(field "$name" 2); median=$(field "$name" 4)
        echo "| $name | $(ms "$mean") ms | **$(ratio "$mean" "$j_mean")** | $(ms "$median") ms | $(ratio "$median" "$j_median") | $(ms "$(field "$name" 7)") ms | $(ms "$(cpu "$name")") ms | $(mib "${rss[$name]}") MiB |"
    done
    echo
    echo "## hyperfine"
    echo
    for round in $(seq "$rounds"); do
        echo "Round $round:"
        echo
        cat "round-$round.md"
        echo
    done
    echo "Commands (run in a scratch copy of ../shared/bench):"
    echo
    echo '```'
    for name in "${names[@]}"; do echo "${command_of[$name]}"; done | sed "s|$repo/||"
    echo '```'
} > "$results"

native_ratio=$(ratio "$(field native 2)" "$j_mean")
echo
echo "wall-time ratio (mean) to jsonnet: native $native_ratio, self-contained $(ratio "$(field self-contained 2)" "$j_mean"), tool $(ratio "$(field tool 2)" "$j_mean"); load $load_start -> $load_end"
echo "Results: $results"
