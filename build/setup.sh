#!/usr/bin/env bash
# Set-up of a fresh Debian or Ubuntu machine that has the .NET SDK: installs libgit2 when no
# libgit2.so.1.5-1.9 is present (LibGit2Sharp loads the system's libgit2, see
# src/Konfig.Affected/Git/LibGit2NativeLibrary.cs), then runs `konfig` with the given arguments
# (default: `test --all`, which restores, builds and checks every stack of konfig/ against its golden).
#
# Usage: build/setup.sh [KONFIG-ARGS...]     e.g. build/setup.sh kcl run konfig/main.k
#        build/setup.sh --install-only       only the install step (what .ci/run calls)
#
# Installing uses apt-get (libgit2-1.5 on Debian 12, else libgit2-1.7 on Ubuntu 24.04), running
# `apt-get update` first only if the install fails; it runs as root, or through sudo when available.
set -euo pipefail

cd "$(dirname "$0")/.."

have_libgit2() {
    local candidate
    for candidate in /usr/lib/*/libgit2.so.1.[5-9] /usr/lib/libgit2.so.1.[5-9] /usr/local/lib/libgit2.so.1.[5-9] \
                     /lib/*/libgit2.so.1.[5-9]; do
        if [ -e "$candidate" ]; then
            echo "setup: libgit2 found: $candidate"
            return 0
        fi
    done
    return 1
}

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        echo "setup: need root to run '$*' (not root, and no sudo)" >&2
        return 1
    fi
}

install_libgit2_package() {
    local package
    for package in libgit2-1.5 libgit2-1.7; do
        echo "setup: apt-get install -y $package"
        if as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$package"; then
            return 0
        fi
    done
    return 1
}

install_libgit2() {
    if have_libgit2; then
        return 0
    fi
    echo "setup: no libgit2.so.1.x found; installing libgit2"
    if ! install_libgit2_package; then
        echo "setup: install failed; apt-get update, then trying again"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
        install_libgit2_package
    fi
    if ! have_libgit2; then
        echo "setup: libgit2 is still missing; install libgit2-1.5 or libgit2-1.7 by hand" >&2
        return 1
    fi
}

install_libgit2

if [ "${1-}" = "--install-only" ]; then
    exit 0
fi
if [ $# -eq 0 ]; then
    set -- test --all
fi
echo "setup: dotnet run --project src/Konfig.Cli -c Release -- $*"
exec dotnet run --project src/Konfig.Cli -c Release -- "$@"
