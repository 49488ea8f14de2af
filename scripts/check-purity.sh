#!/usr/bin/env bash
# The pure modules must not reach for the browser: they are tested natively and reused anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."
if grep -rnE '\b(web_sys|js_sys|wasm_bindgen|leptos|gloo[a-z_]*)::' src/domain src/bundle src/report; then
  echo "error: src/domain, src/bundle and src/report must stay pure (no browser crates)" >&2
  exit 1
fi
