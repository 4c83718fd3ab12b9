# Vane — build, demo and test entry points. Everything a fresh machine needs beyond Swift and
# Python is installed from here.
SHELL := /bin/bash
export SWIFT_DETERMINISTIC_HASHING := 1

VENV := .venv
PY := $(VENV)/bin/python
VANE := .build/debug/vane
SWIFT_SOURCES = $(shell find Sources Tests Benchmarks -name '*.swift' -not -path '*/Generated/*' -not -path '*/.build*')

.PHONY: build demo test swift-test e2e e2e-cold lint format venv generate fixtures clean-venv bench console-assets console-deps sandbox-deps

build:
	swift build

# A Python environment with flytekit (and Ray with flytekit's Ray plugin), for packaging
# examples and the end-to-end tests.
venv: $(VENV)/.ready
$(VENV)/.ready: scripts/requirements-e2e.txt scripts/requirements-ray.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r scripts/requirements-e2e.txt -r scripts/requirements-ray.txt
	touch $@

# The demo: package the hello example with pyflyte, show its compiled graph, and run it with
# Vane on the embedded default (tasks run as local processes in the venv).
demo: build venv
	@mkdir -p .build/demo
	cd examples/hello && ../../$(VENV)/bin/pyflyte --pkgs hello package --image python:3.11 --fast -f \
		-o ../../.build/demo/hello.tgz >/dev/null
	$(VANE) compile .build/demo/hello.tgz hello.wf.main
	$(VANE) run .build/demo/hello.tgz hello.wf.main -i name=Vane --data-dir .build/demo/data --image '*=$(VENV)'


# A throwaway PostgreSQL cluster (scripts/postgres/start.sh, installs postgresql-15 if missing)
# serves the PostgreSQL admin-store and engine-store tests, an S3 server (moto, scripts/s3/start.sh, from the
# venv) the object-storage tests, and a two-node Ray cluster (scripts/ray/start.sh, one core each,
# loopback) the Ray plugin's Swift and end-to-end tests; all are stopped however the tests end.
# One directory per checkout, so test runs in two worktrees never share a server (the Ray one is
# short: Ray's socket paths must fit in 107 characters).
CHECKOUT_ID := $(shell printf '%s' '$(CURDIR)' | cksum | cut -d' ' -f1)
PG_DIR := /tmp/vane-make-test-pg-$(CHECKOUT_ID)
S3_DIR := /tmp/vane-make-test-s3-$(CHECKOUT_ID)
RAY_DIR := /tmp/vray-$(CHECKOUT_ID)
test: venv build console-deps sandbox-deps
	@scripts/postgres/stop.sh $(PG_DIR); scripts/s3/stop.sh $(S3_DIR); mkdir -p $(PG_DIR) $(S3_DIR)
	@scripts/ray/stop.sh $(RAY_DIR); rm -rf $(RAY_DIR)
	@url=$$(scripts/postgres/start.sh $(PG_DIR)) || exit 1; \
	trap 'scripts/postgres/stop.sh $(PG_DIR); scripts/s3/stop.sh $(S3_DIR); scripts/ray/stop.sh $(RAY_DIR)' EXIT; \
	s3=$$(scripts/s3/start.sh $(S3_DIR)) || exit 1; \
	ray=$$(scripts/ray/start.sh $(RAY_DIR) $(VENV)) || exit 1; \
	export VANE_TEST_POSTGRES_URL=$$url VANE_TEST_S3_URL=$$s3 VANE_TEST_RAY_ADDRESS=$$ray VANE_TEST_RAY_DIR=$(RAY_DIR); \
	swift test && $(MAKE) lint && VANE_BIN=$(CURDIR)/$(VANE) $(PY) -m pytest -q e2e

# `make test` runs flytekit tasks warm (forked from a fork server, the default). This runs the
# flytekit suites once more with warm starts off (VANE_WARM_STARTS_ENABLED=false, which vane
# run and vane serve honour), every attempt started cold; test_warm.py then checks that they are.
E2E_COLD := test_run test_dynamic test_map test_cache test_crash test_serve_crash test_failures test_recover test_warm
e2e-cold: venv build
	VANE_WARM_STARTS_ENABLED=false VANE_BIN=$(CURDIR)/$(VANE) $(PY) -m pytest -q $(E2E_COLD:%=e2e/%.py)

lint:
	@swift format lint --strict $(SWIFT_SOURCES)

format:
	swift format --in-place $(SWIFT_SOURCES)

# Graphviz for the console's graphs, Chromium and its WebDriver for its browser tests.
console-deps:
	@scripts/console/install.sh

# bubblewrap for the task sandbox (`vane run --sandbox`, `sandbox:` in the serve configuration).
sandbox-deps:
	@scripts/sandbox/install.sh

# After changing the console's templates, stylesheet or script (Sources/VaneConsole/Assets):
# compile them into the binary (Sources/VaneConsole/Generated/ConsoleAssets.swift).
console-assets:
	python3 scripts/console/embed-assets.py

# Maintainers only: regenerate the Swift for the .proto files (needs protoc).
generate:
	scripts/idl/generate.sh

# Maintainers only: regenerate the flytekit-made test fixtures.
fixtures: venv
	$(PY) scripts/fixtures/make_fixtures.py

# Benchmarks (see BENCHMARKS.md): release build in .build-release, engine shapes, peers
# (Prefect 3, Dagster, flytekit in venvs under .build-bench/), real-task overhead, report.
bench:
	Benchmarks/run.sh
