# Entry points. `make run` and `make test` do all set-up on a fresh Debian 12 machine.
# SANITIZE=address,undefined or SANITIZE=thread: a sanitized build in its own folder. The thread build
# runs the tests labelled `threads` (TBB batches, evolution, the prover's watchdog in CEGIS, float32
# checks, the CLI): Catch2 cases tagged [threads] and the scripts tests/*/CMakeLists.txt labels.
SANITIZE ?=
ifeq ($(SANITIZE),)
BUILD_DIR ?= build
BUILD_TYPE ?= Release
else
BUILD_DIR ?= build-$(subst $(comma),-,$(SANITIZE))
BUILD_TYPE ?= RelWithDebInfo
endif
comma := ,
ifeq ($(SANITIZE),thread)
CTEST_ARGS ?= -L threads
export TSAN_OPTIONS ?= suppressions=$(CURDIR)/tests/tsan.supp
endif
CTEST_ARGS ?=
JOBS ?= $(shell nproc)
PROGSEARCH := $(BUILD_DIR)/apps/progsearch
# Debian's numpy and pybind11 are the system interpreter's (python3 on PATH may be another one).
PYTHON ?= $(shell test -x /usr/bin/python3 && echo /usr/bin/python3 || echo python3)
SHARED ?= $(abspath ../shared)

.PHONY: all deps configure build run test test-cluster install bench fuzz clean

all: build

deps:
	@scripts/install-deps

$(BUILD_DIR)/build.ninja: | deps
	@cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DPROGSEARCH_SANITIZE=$(SANITIZE) >/dev/null

configure: deps $(BUILD_DIR)/build.ninja

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

# The main job on built-in defaults: discover approximations of exp on [0, 1] for a minute, then
# synthesize programs for a bundled SyGuS task and a JSON spreadsheet task with held-out examples, then
# 15 seconds of the Python AutoML loop (the library evolving an activation function).
run: build
	$(PROGSEARCH) discover --target exp --low 0 --high 1 --time 60
	$(PROGSEARCH) synth examples/doctor-names.sl --timeout 30
	$(PROGSEARCH) synth examples/last-name.json --timeout 30
	PYTHONPATH=$(BUILD_DIR)/python $(PYTHON) examples/automl_loop.py 15

test: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) $(CTEST_ARGS)

# docs/cluster.md's Slurm job array on a single-node Slurm brought up here (root; installs slurm-wlm and
# munge when missing): not part of `make test`, which stays fast and needs no daemons.
test-cluster: build
	@scripts/install-deps slurm-wlm munge
	@tests/cluster/test_cluster.sh $(PROGSEARCH) .

# The library (headers, libprogsearch.so, the CMake package) and the CLI under PREFIX (sudo for
# system prefixes): find_package(progsearch) then finds it (docs/library.md).
PREFIX ?= /usr/local
install: build
	@cmake --install $(BUILD_DIR) --prefix $(PREFIX)

# Interpreter and bottom-up throughput, discover (exp vs Sollya, cache, float32 exp2; the frontier runs of
# FRONTIER_SECONDS each, three other functions, exp2 in C against exp2f), then progsearch vs cvc5 on the
# SyGuS PBE suites (about 2 hours with the defaults).
bench: build
	@scripts/install-deps cvc5 time sollya python3
	@bench/run.sh $(BUILD_DIR)
	@bench/discover.sh $(BUILD_DIR) $${DISCOVER_SECONDS:-600}
	@bench/discover_frontier.sh $(BUILD_DIR) $${FRONTIER_SECONDS:-600}
	@bench/libm.sh $(BUILD_DIR) $${LIBM_SECONDS:-60}
	@bench/discover_centre.sh $(BUILD_DIR) $${CENTRE_SECONDS:-600}
	@bench/sygus_vs_cvc5.sh $(BUILD_DIR) $${BENCH_SECONDS:-10}
	@BENCH_SECTION=sygus-spec bench/sygus_vs_cvc5.sh $(BUILD_DIR) $${BENCH_SECONDS:-10} hackers-delight clia
	@bench/audit_hash.sh $(BUILD_DIR)
	@PYTHON=$(PYTHON) bench/library.sh $(BUILD_DIR)
	@bench/compression.sh $(BUILD_DIR) $${COMPRESS_SECONDS:-600}
	@bench/wake_sleep.sh $(BUILD_DIR) $${WAKE_SECONDS:-1} $${WAKE_ITERATIONS:-3}
	@bench/batch.sh $(BUILD_DIR)
	@bench/islands.sh $(BUILD_DIR)
	@bench/guide.sh $(BUILD_DIR) $${BENCH_SECONDS:-10}
	@bench/held_out.sh $(BUILD_DIR) $${BENCH_SECONDS:-10}
	@bench/guide_modes.sh $(BUILD_DIR)
	@PYTHON=$(PYTHON) bench/regression.sh $(BUILD_DIR)

# libFuzzer needs clang; a separate build directory keeps the g++ build untouched.
fuzz: deps
	@scripts/install-deps clang
	@CC=clang CXX=clang++ cmake -S . -B $(BUILD_DIR)-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DPROGSEARCH_FUZZ=ON -DPROGSEARCH_TESTS=OFF -DPROGSEARCH_BENCH=OFF -DPROGSEARCH_CUDA=OFF >/dev/null
	@cmake --build $(BUILD_DIR)-fuzz -j $(JOBS) --target sygus_reader_fuzz program_reader_fuzz json_task_fuzz
	@bench/fuzz.sh $(BUILD_DIR)-fuzz $${FUZZ_SECONDS:-60}

clean:
	rm -rf $(BUILD_DIR) $(BUILD_DIR)-fuzz build-address-undefined build-thread
