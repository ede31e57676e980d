# Shared by build/bench-monorepo.sh, bench-affected.sh and bench-engine.sh (sourced, from the repository root):
# the published CLI they time, and the facts every results file starts with.

# The folder build/bench.sh also publishes to, so any of these scripts may reuse another's CLI.
bench_publish_dir="$PWD/build/.bench/publish-composite"

# bench_cli DO_PUBLISH: publishes the CLI as a self-contained ReadyToRun composite when DO_PUBLISH is 1,
# then sets $konfig to it (exits 2 when there is none).
bench_cli() {
    if [ "$1" = 1 ]; then
        echo "Publishing the CLI (self-contained ReadyToRun composite) to $bench_publish_dir ..."
        rm -rf src/Konfig.Cli/obj/Release/net10.0/linux-x64/R2R "$bench_publish_dir"
        dotnet publish src/Konfig.Cli -c Release -r linux-x64 --self-contained true \
            -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true -o "$bench_publish_dir" \
            -nologo -v quiet -clp:ErrorsOnly
        rm -rf src/Konfig.Cli/obj/Release/net10.0/linux-x64/R2R
    fi
    konfig="$bench_publish_dir/konfig"
    if [ ! -x "$konfig" ]; then
        echo "no published CLI at $konfig (run without --no-publish)" >&2
        exit 2
    fi
}

# bench_start: notes what the run starts from (load, commit); call it just before measuring.
bench_start() {
    bench_start_load=$(cut -d' ' -f1-3 /proc/loadavg)
    bench_commit=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo " (+ uncommitted changes in src/)")
}

# bench_facts: the lines every results file lists about the run.
bench_facts() {
    local cpu
    cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
    echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- Machine: $(nproc) cores, $cpu, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
    echo "- Load average at the start (1, 5, 15 min): $bench_start_load"
    echo "- Commit: $bench_commit; CLI: self-contained ReadyToRun composite, linux-x64"
}
