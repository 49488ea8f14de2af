// The repository's own rules, checked like the app: the root holds only what belongs there
// (scripts/check-root.sh, part of `make lint`), and the check really fails on a stray file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const CHECK = resolve('scripts/check-root.sh');

function repoWith(files, ignore = '') {
  const dir = mkdtempSync(join(tmpdir(), 'donghanh-root-'));
  const git = (...args) => execFileSync('git', ['-C', dir, ...args], { stdio: 'pipe' });
  git('init', '-q');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  if (ignore) writeFileSync(join(dir, '.gitignore'), ignore);
  return { dir, git };
}

const check = (dir) => spawnSync(CHECK, [dir], { encoding: 'utf8' });

test('this repository passes the root check', () => {
  const r = check(resolve('.'));
  assert.equal(r.status, 0, r.stderr);
});

test('the root check fails on a stray file, committed or not, and names it', () => {
  const { dir, git } = repoWith({
    'Cargo.toml': '',
    'src/lib.rs': '',
    'core/Cargo.toml': '',
    '__wbindgen_malloc': '17\n',
  });
  try {
    // Not yet committed (and not ignored): `git add -A` would pick it up.
    let r = check(dir);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /__wbindgen_malloc/);
    git('add', '-A');
    git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'junk');
    r = check(dir);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /__wbindgen_malloc/);
    assert.doesNotMatch(r.stderr, /Cargo\.toml|\bsrc\b|\bcore\b/);
    // Gone again: the check passes.
    git('rm', '-q', '__wbindgen_malloc');
    assert.equal(check(dir).status, 0, check(dir).stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('odd names are reported readably, and ignored output is left alone', () => {
  const { dir } = repoWith(
    { 'README.md': '', '" $}!(B': '15\n', 'dist/index.html': '', 'notes.log': '' },
    '/dist\n*.log\n',
  );
  try {
    const r = check(dir);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /\[" \$\}!\(B\]/);
    assert.doesNotMatch(r.stderr, /dist|notes\.log/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
