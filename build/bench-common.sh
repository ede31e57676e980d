# Shared by build/bench-monorepo.sh, bench-affected.sh and bench-engine.sh (sourced, from the repository root):
# the published CLI they time, and the facts every results file starts with.

# What build/publish.sh native writes: the native konfig and, in lib/, the self-contained ReadyToRun build.
bench_publish_dir="$PWD/build/.publish/konfig-$(dotnet --info | awk '$1 == "RID:" { print $2; exit }')"

# bench_cli DO_PUBLISH: runs build/publish.sh native when DO_PUBLISH is 1, then sets $konfig to the
# self-contained ReadyToRun build (the one that runs change detection and the engine; exits 2 when there is none).
bench_cli() {
    if [ "$1" = 1 ]; then
        build/publish.sh native
    fi
    konfig="$bench_publish_dir/lib/konfig"
    if [ ! -x "$konfig" ]; then
        echo "no published CLI at $konfig (run without --no-publish)" >&2
        exit 2
    fi
}

# bench_options "$@": reads the options every benchmark takes: --no-publish (sets do_publish=0; otherwise 1) and
# -h/--help (prints the script's header comment, up to the first line that is not a comment).
bench_options() {
    do_publish=1
    while [ $# -gt 0 ]; do
        case "$1" in
            --no-publish) do_publish=0; shift ;;
            -h|--help) sed -n '2,/^[^#]/p' "$0" | sed '$d'; exit 0 ;;
            *) echo "unknown argument: $1" >&2; exit 2 ;;
        esac
    done
}

# bench_require PACKAGE:PROGRAM...: exits 2 with the apt-get line when a program is missing (installs nothing).
bench_require() {
    local missing=() entry
    for entry in "$@"; do
        command -v "${entry#*:}" >/dev/null || missing+=("${entry%%:*}")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "missing: ${missing[*]}. Install with:" >&2
        echo "    sudo apt-get install -y ${missing[*]}" >&2
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
