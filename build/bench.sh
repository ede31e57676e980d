#!/usr/bin/env bash
# Benchmarks `konfig kcl run test.k` against `jsonnet test.jsonnet` (the KCL blog's 10,000-entry program,
# ../shared/bench) side by side in one run on this machine, and writes build/results/kcl-bench.md.
# Usage:
#   build/bench.sh                      # publish (self-contained, ReadyToRun composite), measure, write the results
#   build/bench.sh --publish framework  # framework-dependent ReadyToRun instead (smaller, starts slower)
#   build/bench.sh --no-publish         # measure the CLI published by the last run
#   KONFIG_BENCH_RUNS=30 build/bench.sh # runs per command (default 20), in KONFIG_BENCH_ROUNDS rounds (default 3)
# Installs nothing: when jsonnet, hyperfine or GNU time are missing it prints the apt-get command and stops.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

publish_mode=composite
do_publish=1
while [ $# -gt 0 ]; do
    case "$1" in
        --publish) publish_mode="$2"; shift 2 ;;
        --no-publish) do_publish=0; shift ;;
        -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done

runs=${KONFIG_BENCH_RUNS:-20}
shared=${KONFIG_SHARED_DIR:-$repo/../shared}
bench_source="$shared/bench"
results_dir="$repo/build/results"
results="$results_dir/kcl-bench.md"
work="$repo/build/.bench"
publish_dir="$work/publish-$publish_mode"

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

# --- Publish the CLI -------------------------------------------------------------------------------
case "$publish_mode" in
    composite) publish_args=(--self-contained true -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true) ;;
    self-contained) publish_args=(--self-contained true -p:PublishReadyToRun=true) ;;
    framework) publish_args=(--self-contained false -p:PublishReadyToRun=true) ;;
    *) echo "--publish takes composite, self-contained or framework" >&2; exit 2 ;;
esac

if [ "$do_publish" = 1 ]; then
    echo "Publishing the CLI ($publish_mode ReadyToRun) to $publish_dir ..."
    # ReadyToRun outputs of another mode left in obj/ are reused as if current and break the image.
    rm -rf src/Konfig.Cli/obj/Release/net10.0/linux-x64/R2R "$publish_dir"
    dotnet publish src/Konfig.Cli -c Release -r linux-x64 "${publish_args[@]}" -o "$publish_dir" \
        -nologo -v quiet -clp:ErrorsOnly
    rm -rf src/Konfig.Cli/obj/Release/net10.0/linux-x64/R2R
fi

konfig="$publish_dir/konfig"
if [ ! -x "$konfig" ]; then
    echo "no published CLI at $konfig (run without --no-publish)" >&2
    exit 2
fi

# --- Run from a scratch copy of the inputs ---------------------------------------------------------
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp "$bench_source/test.k" "$bench_source/test.jsonnet" "$scratch/"
cd "$scratch"

"$konfig" kcl run test.k > konfig.out
jsonnet test.jsonnet > jsonnet.out

# Same data: both compute a(1, 2) = max(1, 2) for each i. KCL keys the values "a0".."a9999" in a dict
# (range(10000) stops before 10000); Jsonnet lists them, and its std.range(0, 10000) includes 10000, so
# it computes one more, as in the blog. Compare the keys' order and the values one by one.
awk '/^  a[0-9]+: / { sub(":", "", $1); print $1 }' konfig.out > konfig.keys
awk '/^  a[0-9]+: / { print $2 }' konfig.out > konfig.values
awk '/^ *-?[0-9]+,?$/ { gsub(/[ ,]/, ""); print }' jsonnet.out > jsonnet.values
seq 0 9999 | sed 's/^/a/' > expected.keys
if ! head -n 1 konfig.out | grep -qx 'temp:' || ! cmp -s konfig.keys expected.keys \
    || ! cmp -s konfig.values <(head -n 10000 jsonnet.values) || [ "$(wc -l < jsonnet.values)" -ne 10001 ]; then
    echo "outputs differ: konfig and jsonnet did not compute the same values" >&2
    diff <(head -n 5 konfig.values) <(head -n 5 jsonnet.values) >&2 || true
    exit 1
fi
echo "Outputs agree: the same value for each of a0..a9999, in order (jsonnet's inclusive range adds one)."

# --- Wall time, side by side -----------------------------------------------------------------------
# In rounds, alternating which command goes first, so a change in the machine's load during the run
# (it is shared) does not fall on one command only. Each round: hyperfine with $runs_per_round runs each.
rounds=${KONFIG_BENCH_ROUNDS:-3}
runs_per_round=$(( (runs + rounds - 1) / rounds ))
konfig_command="$konfig kcl run test.k"
for round in $(seq "$rounds"); do
    if [ $((round % 2)) = 1 ]; then
        order=(--command-name konfig "$konfig_command" --command-name jsonnet "jsonnet test.jsonnet")
    else
        order=(--command-name jsonnet "jsonnet test.jsonnet" --command-name konfig "$konfig_command")
    fi
    hyperfine -N --warmup 3 --runs "$runs_per_round" "${order[@]}" \
        --export-csv "round-$round.csv" --export-markdown "round-$round.md"
done

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
{
    for round in $(seq "$rounds"); do
        echo "Round $round:"
        echo
        cat "round-$round.md"
        echo
    done
} > times.md

# --- Peak memory: the largest max RSS of 5 runs each ------------------------------------------------
peak_rss() {
    local max=0 value
    for _ in 1 2 3 4 5; do
        value=$(/usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -n 1)
        [ "$value" -gt "$max" ] && max=$value
    done
    echo "$max"
}
konfig_rss=$(peak_rss "$konfig" kcl run test.k)
jsonnet_rss=$(peak_rss jsonnet test.jsonnet)

# --- Numbers --------------------------------------------------------------------------------------
# times.csv: command,mean,stddev,median,user,system,min,max (seconds)
field() { awk -F, -v name="$1" -v column="$2" '$1 == name { print $column }' times.csv; }
ms() { awk -v seconds="$1" 'BEGIN { printf "%.1f", seconds * 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
mib() { awk -v kib="$1" 'BEGIN { printf "%.1f", kib / 1024 }'; }

k_mean=$(field konfig 2); k_median=$(field konfig 4); k_min=$(field konfig 7)
j_mean=$(field jsonnet 2); j_median=$(field jsonnet 4); j_min=$(field jsonnet 7)
k_cpu=$(awk -v u="$(field konfig 5)" -v s="$(field konfig 6)" 'BEGIN { print u + s }')
j_cpu=$(awk -v u="$(field jsonnet 5)" -v s="$(field jsonnet 6)" 'BEGIN { print u + s }')
mean_ratio=$(ratio "$k_mean" "$j_mean")
median_ratio=$(ratio "$k_median" "$j_median")
min_ratio=$(ratio "$k_min" "$j_min")
cpu_ratio=$(ratio "$k_cpu" "$j_cpu")
k_mib=$(mib "$konfig_rss"); j_mib=$(mib "$jsonnet_rss")
time_ok=$(awk -v r="$mean_ratio" 'BEGIN { print (r <= 0.12) ? "yes" : "no" }')
memory_ok=$(awk -v m="$k_mib" 'BEGIN { print (m <= 150) ? "yes" : "no" }')

cpu_model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
memory_total=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
commit=$(git -C "$repo" rev-parse --short HEAD)
dirty=$(git -C "$repo" status --porcelain --untracked-files=no -- . ':!build/results' | grep -q . && echo " (with uncommitted changes)" || true)

mkdir -p "$results_dir"
{
    echo "# KCL benchmark: konfig vs jsonnet"
    echo
    echo "Written by \`build/bench.sh\`; figures are from one run on one machine. Compare ratios, not absolute times."
    echo
    echo "| | |"
    echo "| --- | --- |"
    echo "| date | $(date -u '+%Y-%m-%d %H:%M UTC') |"
    echo "| machine | $(nproc) cores, $cpu_model, $memory_total, $(uname -sr) |"
    echo "| load average at start | $(cut -d' ' -f1-3 /proc/loadavg) |"
    echo "| konfig | commit $commit$dirty, $publish_mode ReadyToRun publish, .NET $(dotnet --list-runtimes | awk '/Microsoft.NETCore.App/ { v = $2 } END { print v }') |"
    echo "| jsonnet | $(jsonnet --version 2>&1 | head -n 1) |"
    echo "| hyperfine | $(hyperfine --version), $rounds rounds of $runs_per_round runs each (after 3 warm-up runs), alternating which goes first; no shell |"
    echo "| program | ../shared/bench/test.k and test.jsonnet (10,000 entries; Jsonnet's inclusive range makes 10,001); values checked equal |"
    echo
    echo "## Result"
    echo
    echo "| measure | konfig | jsonnet | ratio | target |"
    echo "| --- | ---: | ---: | ---: | --- |"
    echo "| wall time, mean | $(ms "$k_mean") ms | $(ms "$j_mean") ms | **$mean_ratio** | ≤ 0.12: $time_ok |"
    echo "| wall time, median (of the rounds' medians) | $(ms "$k_median") ms | $(ms "$j_median") ms | $median_ratio | |"
    echo "| wall time, min | $(ms "$k_min") ms | $(ms "$j_min") ms | $min_ratio | |"
    echo "| CPU time (user + system), mean | $(ms "$k_cpu") ms | $(ms "$j_cpu") ms | $cpu_ratio | |"
    echo "| peak RSS (max of 5 runs) | $k_mib MiB | $j_mib MiB | | konfig ≤ 150 MiB: $memory_ok |"
    echo
    echo "## hyperfine"
    echo
    cat times.md
    echo
    echo "Commands (run in a scratch copy of ../shared/bench):"
    echo
    echo '```'
    echo "konfig kcl run test.k      # $konfig"
    echo "jsonnet test.jsonnet"
    echo '```'
} > "$results"

echo
echo "wall-time ratio (mean) konfig/jsonnet: $mean_ratio (target <= 0.12: $time_ok); peak RSS konfig $k_mib MiB, jsonnet $j_mib MiB"
echo "Results: $results"
