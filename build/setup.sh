#!/usr/bin/env bash
# Set-up of a fresh machine that has the .NET 10 SDK (Linux, macOS or Windows with bash): restores the
# NuGet packages (LibGit2Sharp brings its own libgit2), builds, and runs `konfig` with the given
# arguments; by default `test --all`, which compiles every stack of konfig/ and checks it against its golden.
#
# Usage: build/setup.sh [KONFIG-ARGS...]     e.g. build/setup.sh kcl run konfig/main.k
set -euo pipefail

cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
    echo "setup: the .NET SDK is missing: install .NET 10 from https://dot.net, then run this again" >&2
    exit 2
fi

if [ $# -eq 0 ]; then
    set -- test --all
fi
echo "setup: dotnet run --project src/Konfig.Cli -c Release -- $*"
exec dotnet run --project src/Konfig.Cli -c Release -- "$@"
