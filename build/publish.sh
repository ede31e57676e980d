#!/usr/bin/env bash
# Builds konfig the ways users get it. Needs only the .NET SDK.
#
#   build/publish.sh tool      the dotnet tool package: build/.packages/Konfig.Cli.VERSION.nupkg
#                              (any OS with the .NET 10 runtime; install with dotnet tool install, see README)
#   build/publish.sh native    build/.publish/konfig-RID/: `konfig`, a native executable (NativeAOT) that runs the
#                              KCL commands (kcl run, compile, test, ls) itself, and lib/, the self-contained
#                              ReadyToRun build it hands the other commands to. No .NET needed to run it.
#   build/publish.sh all       both (the default)
#
# RID is this machine's (linux-x64, osx-arm64, win-x64, ...): NativeAOT compiles for the OS it runs on.
set -euo pipefail
cd "$(dirname "$0")/.."

what=${1:-all}
case "$what" in
    tool|native|all) ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "usage: build/publish.sh [tool|native|all]" >&2; exit 2 ;;
esac

rid=$(dotnet --info | awk '$1 == "RID:" { print $2; exit }')
quiet=(-nologo -v quiet -clp:ErrorsOnly)

publish_tool() {
    echo "publish: dotnet tool package -> build/.packages/"
    dotnet pack src/Konfig.Cli -c Release -o build/.packages "${quiet[@]}"
    ls build/.packages/Konfig.Cli.*.nupkg
}

# The RID-specific build outputs of one publish mode would be reused, as if current, by the next.
clean_rid_outputs() {
    rm -rf src/*/obj/Release/net10.0/"$rid" src/*/bin/Release/net10.0/"$rid"
}

publish_native() {
    local out="build/.publish/konfig-$rid"
    rm -rf "$out"
    clean_rid_outputs
    echo "publish: native executable (NativeAOT, $rid) -> $out/"
    dotnet publish src/Konfig.Cli -c Release -r "$rid" -p:PublishAot=true -o "$out" "${quiet[@]}"
    # Only the executable: the .NET build in lib/ brings its own libgit2.
    rm -f "$out"/*.dbg "$out"/*.pdb "$out"/*.so "$out"/*.dylib "$out"/*.dll

    clean_rid_outputs
    echo "publish: self-contained ReadyToRun composite ($rid) -> $out/lib/"
    dotnet publish src/Konfig.Cli -c Release -r "$rid" --self-contained true \
        -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true -o "$out/lib" "${quiet[@]}"
    clean_rid_outputs

    # Both halves answer: the native build itself, and a command it hands to lib/.
    echo "publish: $("$out/konfig" --version) (native); state --help through lib/: $("$out/konfig" state --help | head -n 2 | tail -n 1)"
    du -sh "$out/konfig"* "$out/lib"
}

case "$what" in
    tool) publish_tool ;;
    native) publish_native ;;
    all) publish_tool; publish_native ;;
esac
