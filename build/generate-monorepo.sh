#!/usr/bin/env bash
# Makes a synthetic Konfig monorepo of N stacks on our own platform models (konfig/base), for
# build/bench-monorepo.sh. Layout like konfig/: kcl.mod and base/ copied, then N/2 projects under
# apps/, each with project.yaml, base/base.k (the application) and two stacks (dev, prod) with
# stack.yaml, kcl.yaml, main.k (the stack's overrides) and ci-test/settings.yaml. Workload kinds,
# containers (1-3), services, configs, env, probes, volumes, ingress and autoscaling vary per project,
# deterministically from the seed: same N and seed, same files.
#
# Usage: build/generate-monorepo.sh N [OUT_DIR] [SEED]     (default OUT_DIR /tmp/konfig-synth-N, SEED 1)
set -euo pipefail

count="${1:?usage: generate-monorepo.sh N [OUT_DIR] [SEED]}"
out="${2:-/tmp/konfig-synth-$count}"
seed="${3:-1}"
repo="$(cd "$(dirname "$0")/.." && pwd)"

rm -rf "$out"
mkdir -p "$out"
cp "$repo/konfig/kcl.mod" "$out/kcl.mod"
cp -r "$repo/konfig/base" "$out/base"
python3 "$repo/build/monorepo-generator.py" "$count" "$out" "$seed"
echo "generated $count stacks in $out"
