# Keyward: thin targets over scripts/, so that people and CI run the same thing.
.PHONY: run test bench build deps fmt lint clean

run:
	@scripts/run

test:
	@scripts/test

bench:
	@bench/run

build: deps
	swift build -c release

deps:
	@scripts/install-deps

fmt:
	swift format format -i -r Sources Tests Package.swift

lint:
	swift format lint --strict -r Sources Tests Package.swift

clean:
	rm -rf .build
