#!/usr/bin/env bash
# Mutation fuzzing of the KCL compiler over the conformance inputs (see build/Konfig.Kcl.Fuzz/Program.cs).
# Usage:
#   build/fuzz.sh                          # seed 1, 100000 mutants, every core
#   build/fuzz.sh --seed 7 --count 20000   # any option of the driver
#   build/fuzz.sh --replay TestResults/fuzz-failures   # run saved failing mutants again
# Failing mutants are saved under TestResults/fuzz-failures/. Exit code 0 when nothing crashed or hung.
set -uo pipefail
cd "$(dirname "$0")/.."

shared="${KONFIG_SHARED_DIR:-../shared}"
defaults=(--seed 1 --count 100000 --corpus "$shared/kcl-conformance")
dotnet build build/Konfig.Kcl.Fuzz -c Release --nologo -v quiet || exit 2
exec dotnet run -c Release --no-build --project build/Konfig.Kcl.Fuzz -- "${defaults[@]}" "$@"
