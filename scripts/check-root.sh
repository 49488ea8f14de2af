#!/usr/bin/env bash
# The repository root holds only what belongs there. 180 junk files once landed at the root:
# a one-off `strings <wasm> | awk '{print length > $0}'` run there wrote one file per string.
# This check fails on any root entry outside the allow-list, whether committed or merely not
# ignored (so `git add -A` cannot pick one up unseen). Folders are justified in ARCHITECTURE.md.
#   scripts/check-root.sh [DIR]   (default: this repository)
set -euo pipefail
cd "${1:-$(dirname "$0")/..}"

allowed='Cargo.toml Cargo.lock Makefile README.md ARCHITECTURE.md Trunk.toml index.html
  package.json package-lock.json rust-toolchain.toml
  src public style tests core docs scripts tools bench'

stray=$(git ls-files -z --cached --others --exclude-standard | tr '\0' '\n' | cut -d/ -f1 | sort -u |
  while IFS= read -r entry; do
    case "$entry" in .?*) continue ;; esac # dot-files and dot-folders (.cargo, .ci, .gitignore)
    [[ " $(echo $allowed) " == *" $entry "* ]] || printf '  [%s]\n' "$entry"
  done)
if [ -n "$stray" ]; then
  echo "error: the repository root holds entries outside the allow-list (scripts/check-root.sh):" >&2
  echo "$stray" >&2
  echo "Move them where they belong, ignore them in .gitignore, or delete them." >&2
  exit 1
fi
