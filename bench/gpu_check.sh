#!/usr/bin/env bash
# The GPU check of the neural guide, for a machine with an NVIDIA GPU (H100/H200 class), in under five
# minutes: builds the CUDA path, runs the GPU tests (which must run, not skip), measures scoring
# throughput on the device against the CPU (and that both give the same logits), and compares guided
# searches on the GPU and on the CPU (same answers and candidate counts), with the value model and with
# the argument model. Prints a summary to record in docs/BENCHMARKS.md (section gpu-check). Usage: bench/gpu_check.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-gpu}
export PATH=$PATH:/usr/local/cuda/bin
command -v nvcc >/dev/null || { echo "gpu_check: nvcc not found" >&2; exit 2; }
nvidia-smi -L || { echo "gpu_check: no NVIDIA GPU visible (nvidia-smi)" >&2; exit 2; }
start=$(date +%s)

cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DPROGSEARCH_CUDA=ON -DPROGSEARCH_PYTHON=OFF \
  -DCMAKE_CUDA_ARCHITECTURES="80;90" >/dev/null
cmake --build "$build" -j "$(nproc)" --target progsearch progsearch_gpu_tests progsearch_gpu_device_tests \
  progsearch_guide_tests guide_throughput
"$build/apps/progsearch" --version

# Skipping is a failure here: this script exists to run them.
"$build/tests/gpu/progsearch_gpu_device_tests" || { echo "gpu_check: device tests failed or skipped ($?)" >&2; exit 1; }
"$build/tests/gpu/progsearch_gpu_tests"
"$build/tests/guide/progsearch_guide_tests"

echo "== throughput (values/s) =="
"$build/bench/guide_throughput" models/strings.guide bench/tasks/strings-enumerate.sl 262144

echo "== guided search: gpu vs cpu =="
# The answer and the candidate count of one run, from its JSON line.
answer() { python3 -c 'import json,sys; r=json.loads(sys.stdin.readline() or "{}"); print(r.get("solution",""), r.get("candidates",""))'; }
same=0; differ=0
for f in ../shared/benchmarks/sygus/strings/*.sl examples/*.sl; do
  [ -f "$f" ] || continue
  a=$("$build/apps/progsearch" synth "$f" --guide cpu --max-candidates 300000 --json -q 2>/dev/null | answer || true)
  b=$("$build/apps/progsearch" synth "$f" --guide gpu --gpu-min-batch 1 --max-candidates 300000 --json -q 2>/dev/null |
    answer || true)
  if [ "$a" = "$b" ]; then same=$((same + 1)); else differ=$((differ + 1)); echo "DIFFER $f: cpu [$a] gpu [$b]"; fi
done
# The argument model too (every block ranked, so lists reach the device): spreadsheet tasks.
for f in $(ls bench/tasks/spreadsheet/*.json | head -24); do
  a=$("$build/apps/progsearch" synth "$f" --guide cpu --argument-ranking on --ranking-payoff 0 --max-candidates 300000 \
    --json -q 2>/dev/null | answer || true)
  b=$("$build/apps/progsearch" synth "$f" --guide gpu --argument-ranking on --ranking-payoff 0 --gpu-min-batch 1 \
    --max-candidates 300000 --json -q 2>/dev/null | answer || true)
  if [ "$a" = "$b" ]; then same=$((same + 1)); else differ=$((differ + 1)); echo "DIFFER $f: cpu [$a] gpu [$b]"; fi
done
echo "tasks with the same answer and candidates on gpu and cpu: $same, different: $differ"
echo "gpu_check: done in $(( $(date +%s) - start )) s"
[ "$differ" -eq 0 ]
