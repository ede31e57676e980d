#!/usr/bin/env bash
# Runs only the KCL conformance tests (grammar suite + byte-exact snapshots from ../shared) and prints
# the per-category report. Usage:
#   build/conformance.sh                 # every case
#   build/conformance.sh schema/         # only cases whose path starts with "schema/" ("snapshots/" for snapshots)
#   build/conformance.sh --update [...]  # also rewrite tests/Konfig.Kcl.Tests/Conformance/known-failures.txt
set -uo pipefail
cd "$(dirname "$0")/.."

filter=""
for arg in "$@"; do
    case "$arg" in
        --update) export KONFIG_UPDATE_BASELINES=1 ;;
        -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
        *) filter="$arg" ;;
    esac
done
export KONFIG_CONFORMANCE_FILTER="$filter"

dotnet test tests/Konfig.Kcl.Tests -c Release \
    --filter "FullyQualifiedName~Konfig.Kcl.Tests.Conformance.ConformanceTests" \
    --logger "console;verbosity=minimal"
status=$?

report=TestResults/conformance-report.md
if [ -f "$report" ]; then
    echo
    # The summary part of the report; the full list of failing cases stays in the file.
    awk '/^### All failing cases/ { skip = 1; next } /^## / { skip = 0 } !skip' "$report"
    echo "Full report: $report; failing cases' output: TestResults/conformance-actual/"
fi
exit $status
