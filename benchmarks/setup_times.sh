#!/usr/bin/env bash
# How long a newcomer waits: `make demo` from a fresh clone until it prints the URL, and
# `make test`. Run from the repository root with `make bench-setup`; prints the figures.
# "cold" uses an empty package cache (as on a fresh machine); "warm" reuses the one on disk.
set -euo pipefail
repo=$(git rev-parse --show-toplevel)
measure() {  # label, cache dir, command...
  local label=$1 cache=$2; shift 2
  local start end
  start=$(date +%s.%N)
  UV_CACHE_DIR=$cache "$@" >/dev/null 2>&1
  end=$(date +%s.%N)
  printf '%-40s %6.1f s\n' "$label" "$(echo "$end - $start" | bc)"
}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(python3 --version)"
git clone -q "$repo" "$work/cold"
measure "make demo, fresh clone, cold cache" "$work/uv-cache" make -C "$work/cold" demo DEMO_ARGS="--check --port 8765"
git clone -q "$repo" "$work/warm"
measure "make demo, fresh clone, warm cache" "${UV_CACHE_DIR:-$HOME/.cache/uv}" make -C "$work/warm" demo DEMO_ARGS="--check --port 8766"
measure "make demo again (data kept)" "${UV_CACHE_DIR:-$HOME/.cache/uv}" make -C "$work/warm" demo DEMO_ARGS="--check --port 8767"
measure "make test (fresh clone)" "${UV_CACHE_DIR:-$HOME/.cache/uv}" make -C "$work/warm" test
