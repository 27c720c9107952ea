# Ecluse's entry points. `make demo` and `make test` do all set-up on a fresh machine.
.PHONY: all deps build demo test lint format bench clean

SWIFT ?= swift

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

clean:
	rm -rf .build demo-data
