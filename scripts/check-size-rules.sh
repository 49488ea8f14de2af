#!/usr/bin/env bash
# Code that reaches the wasm must not pull in std code that costs tens of KB per use (see
# ARCHITECTURE.md, "Build, test, bench"): a stable sort per call site, core's float
# formatting and parsing, the Unicode case tables. Test modules (after `#[cfg(test)]`) may.
set -euo pipefail
cd "$(dirname "$0")/.."
pattern='\.(sort|sort_by|sort_by_key|sort_by_cached_key|sort_unstable|sort_unstable_by|sort_unstable_by_key)\(|\{[a-z_0-9]*:\.[0-9]\}|parse::<f(32|64)>|\.to_(upper|lower)case\(\)'
found=$(find src core/src -name '*.rs' ! -name '*_tests.rs' ! -path 'core/src/sample/*' ! -path 'src/bin/*' \
  ! -name order.rs ! -name testkit.rs -print0 | xargs -0 awk -v pat="$pattern" '
    FNR == 1 { in_test = 0 }
    /^#\[cfg\(test\)\]/ { in_test = 1 }
    !in_test && $0 ~ pat && $0 !~ /^[[:space:]]*\/\// { print FILENAME ":" FNR ": " $0 }')
if [ -n "$found" ]; then
  echo "$found"
  echo "error: use domain::order (sorting), domain::format (fractions) and domain::text (case) instead" >&2
  exit 1
fi
