# Vane — build, demo and test entry points. Everything a fresh machine needs beyond Swift and
# Python is installed from here.
SHELL := /bin/bash
export SWIFT_DETERMINISTIC_HASHING := 1

VENV := .venv
PY := $(VENV)/bin/python
VANE := .build/debug/vane
SWIFT_SOURCES = $(shell find Sources Tests Benchmarks -name '*.swift' -not -path '*/Generated/*' -not -path '*/.build*')

.PHONY: build demo test swift-test e2e lint format venv generate fixtures clean-venv bench

build:
	swift build

# A Python environment with flytekit, for packaging examples and the end-to-end tests.
venv: $(VENV)/.ready
$(VENV)/.ready: scripts/requirements-e2e.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r scripts/requirements-e2e.txt
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
# serves the PostgreSQL admin-store tests; it is stopped however the tests end.
PG_DIR := /tmp/vane-make-test-pg
test: venv build
	@scripts/postgres/stop.sh $(PG_DIR); mkdir -p $(PG_DIR)
	@url=$$(scripts/postgres/start.sh $(PG_DIR)) || exit 1; \
	trap 'scripts/postgres/stop.sh $(PG_DIR)' EXIT; \
	export VANE_TEST_POSTGRES_URL=$$url; \
	swift test && $(MAKE) lint && VANE_BIN=$(CURDIR)/$(VANE) $(PY) -m pytest -q e2e

lint:
	swift format lint --strict $(SWIFT_SOURCES)

format:
	swift format --in-place $(SWIFT_SOURCES)

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
