# Ecluse's entry points. `make demo` and `make test` do all set-up on a fresh machine.
.PHONY: all deps build demo test lint format bench fuzz killtest clean

SWIFT ?= swift
SHELL := /bin/bash

all: build

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build

demo: deps
	@scripts/demo.sh

test: deps
	$(SWIFT) build --build-tests
	scripts/run-tests.sh

lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift

format:
	$(SWIFT) format format --in-place --recursive Sources Tests Package.swift

bench: deps
	@scripts/bench.sh

# 100,000 mutated inputs through the vCard, CSV and iCalendar readers, seeded from the test
# fixtures (and the peer files in ../shared when present).
fuzz: deps
	$(SWIFT) build -c release --product ecluse-fuzz 2>&1 | grep -Ev '^\[[0-9]+/[0-9]+\]' || true
	mkdir -p .build/fuzz
	cd .build/fuzz && ../release/ecluse-fuzz $${FUZZ_COUNT:-100000} ../../Tests/EcluseFormatsTests/Fixtures \
		$$(test -d ../../../shared/corpus/peer-files && echo ../../../shared/corpus/peer-files)

# Syncs killed with SIGKILL at random moments, each followed by a normal one: 200 to a folder,
# 30 to a real Radicale.
killtest: deps
	$(SWIFT) build --build-tests
	ECLUSE_KILL_RUNS=200 ECLUSE_RADICALE_KILL_RUNS=30 $(SWIFT) test --filter KillTests

clean:
	rm -rf .build demo-data
