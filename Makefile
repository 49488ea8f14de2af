# Đồng Hành — the project's commands. `make serve` and `make test` are the two that matter.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
export PATH := $(CURDIR)/tools/bin:$(HOME)/.cargo/bin:$(PATH)

ADDRESS := 127.0.0.1
PORT := 8080

.PHONY: serve test build single size budget bench fuzz fuzz-store tools tools-browser lint unit e2e fixtures clean

## serve: install what is missing, build, serve the app at http://127.0.0.1:8080
serve: tools
	@echo "Đồng Hành: http://$(ADDRESS):$(PORT)/"
	trunk serve --offline --address $(ADDRESS) --port $(PORT)

## test: install what is missing, then lint, native tests, release build and browser tests
test: tools-browser lint unit build budget single e2e

## build: the release app in dist/ (what a static host serves)
build: tools
	trunk build --release --offline

## single: the one-file edition dist-single/donghanh.html (opens from file://, e-mail, USB)
single: build
	node scripts/single.mjs dist dist-single

## size: raw and gzipped bytes of the wasm, JS and CSS in dist/
size:
	@node scripts/size.mjs dist

## budget: the release build within bench/size-budget.json (fails naming the file and bytes over)
budget: build
	node scripts/size.mjs dist --check bench/size-budget.json

tools:
	@scripts/install-tools.sh

tools-browser:
	@scripts/install-tools.sh --browser

## lint: a clean root, formatting, the size rules, clippy on the core (natively) and the app (wasm)
lint:
	scripts/check-root.sh
	cargo fmt --all --check
	scripts/check-size-rules.sh
	cargo clippy -p donghanh-core --all-targets --quiet -- -D warnings
	cargo clippy -p donghanh --target wasm32-unknown-unknown --all-targets --quiet -- -D warnings

## unit: the core's native tests, the fault test's 10,000 sequences among them (the app crate
## has none: it is tested in Chromium)
unit:
	cargo test --workspace --quiet

## fuzz-store: the model-based fault test with FAULT_CASES sequences (default 200,000)
fuzz-store:
	FAULT_CASES=$${FAULT_CASES:-200000} cargo test -p donghanh-core --lib --quiet random_sequences_of_actions_and_faults

e2e: fixtures
	node --test --test-timeout=300000 --test-reporter=spec tests/e2e/

## fixtures: the spreadsheet corpus of the import tests (tests/fixtures/sheets/make.py, openpyxl)
fixtures:
	/usr/bin/python3 tests/fixtures/sheets/make.py

clean:
	rm -rf dist tests/artifacts
	cargo clean

## bench: build the release app and measure it in headless Chromium (prints a table)
bench: tools-browser build
	node bench/run.mjs

## fuzz: fuzz the import pipeline for FUZZ_SECONDS (default 300) on the nightly toolchain (not in CI)
FUZZ_SECONDS ?= 300
fuzz:
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
	mkdir -p core/fuzz/corpus/import
	cp -n tests/fixtures/bundles/*.json tests/fixtures/bundles/bad/*.json core/fuzz/corpus/import/ 2>/dev/null || true
	cd core/fuzz && cargo +nightly fuzz run import corpus/import -- -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -rss_limit_mb=4096 2>&1 | tail -25
