#!/usr/bin/env bash
# Install what the build needs, skipping whatever is already there at the right version.
# Idempotent and quick on a second run. Nothing here downloads a binary from GitHub.
#   scripts/install-tools.sh            build tools (wasm target, trunk, wasm-bindgen-cli, npm deps)
#   scripts/install-tools.sh --browser  also Debian's chromium and firefox-esr for the end-to-end tests,
#                                       python3-docx, the reader the Word files are checked with, and
#                                       python3-openpyxl, which writes the spreadsheet test corpus, and
#                                       poppler-utils, whose pdftotext reads the printed pages
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

TRUNK_VERSION=0.21.14
say() { printf '  [tools] %s\n' "$*"; }

# Rust target (the toolchain itself is pinned in rust-toolchain.toml).
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# Trunk, built from crates.io (0.22 needs a newer rustc).
if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (10-15 minutes on 2 cores, once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# wasm-bindgen-cli must equal the wasm-bindgen that Cargo.lock resolved.
wb_version=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$wb_version" ] || { echo "Cargo.lock names no wasm-bindgen version" >&2; exit 1; }
if ! grep -q "^wasm_bindgen = \"$wb_version\"" Trunk.toml; then
  echo "Trunk.toml [tools] wasm_bindgen must be \"$wb_version\" (the version in Cargo.lock)" >&2
  exit 1
fi
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wb_version" ]; then
  say "installing wasm-bindgen-cli $wb_version (about 4 minutes, once)"
  # --locked fails on a yanked dependency version of this release; install without it.
  cargo install wasm-bindgen-cli --version "$wb_version"
fi

# wasm-split-cli cuts the screens off the main wasm (tools/bin/wasm-bindgen runs it). Its split
# points come from the wasm_split_helpers that Leptos pulls in: keep the two in step.
SPLIT_VERSION=0.2.4
if ! cargo install --list | grep -qx "wasm_split_cli_support v$SPLIT_VERSION:"; then
  say "installing wasm-split-cli $SPLIT_VERSION (about 2 minutes, once)"
  cargo install wasm_split_cli_support --version "$SPLIT_VERSION" --features build-binary --locked
fi

# JS build and test tools (binaryen 132 for wasm-opt, playwright-core for Chromium,
# puppeteer-core for Firefox over WebDriver BiDi; neither downloads a browser).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi
if [ "$(tools/bin/wasm-opt --version 2>/dev/null)" != "wasm-opt version 132 (version_132)" ]; then
  echo "tools/bin/wasm-opt does not report binaryen version 132" >&2
  exit 1
fi

# Dependencies for `trunk build --offline`, which passes --offline to cargo.
cargo fetch --quiet

# Browsers for the end-to-end tests: Debian's Chromium, and Firefox ESR for the smoke test; and
# python-docx to read the Word files the app writes; openpyxl to write the spreadsheets it reads;
# poppler-utils to read the pages of a printed report.
# poppler's pdftotext to read the pages of a printed report.
if [ "${1:-}" = "--browser" ]; then
  missing=""
  command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
  command -v firefox-esr >/dev/null 2>&1 || missing="$missing firefox-esr"
  /usr/bin/python3 -c 'import docx' >/dev/null 2>&1 || missing="$missing python3-docx"
  /usr/bin/python3 -c 'import openpyxl' >/dev/null 2>&1 || missing="$missing python3-openpyxl"
  command -v pdftotext >/dev/null 2>&1 || missing="$missing poppler-utils"
  if [ -n "$missing" ]; then
    say "installing Debian$missing"
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq $missing >/dev/null
  fi
fi
exit 0
