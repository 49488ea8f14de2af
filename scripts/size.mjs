// Prints raw and gzipped bytes of the wasm, JS and CSS that a static host serves from dist/: what
// the first load fetches, the screens' wasm parts fetched when a screen opens, and the total.
// With `--check <budget.json>` (make test, after the release build) it fails when any of them is
// over its budget, naming the file and the bytes over.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';
import { gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const check = args.indexOf('--check') >= 0 ? args[args.indexOf('--check') + 1] : null;
const dir = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--check') ?? 'dist';
const kinds = { '.wasm': 'wasm', '.js': 'js', '.css': 'css' };
let files;
try {
  files = readdirSync(dir).filter((f) => kinds[extname(f)] && statSync(join(dir, f)).isFile());
} catch {
  console.error(`no ${dir}/ — run \`make build\` first`);
  process.exit(1);
}
if (files.length === 0) {
  console.error(`no wasm, js or css in ${dir}/ — run \`make build\` first`);
  process.exit(1);
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const rows = files.sort().map((f) => {
  const bytes = readFileSync(join(dir, f));
  return { kind: kinds[extname(f)], file: f, raw: bytes.length, gz: gzipSync(bytes, { level: 9 }).length };
});
const sum = (rs) => rs.reduce((a, r) => ({ raw: a.raw + r.raw, gz: a.gz + r.gz }), { raw: 0, gz: 0 });
// The screens' wasm parts (split_<screen>, chunk_<n> shared by several) come when a screen opens.
const later = (r) => /^(split|chunk)_/.test(r.file);
const first = rows.filter((r) => !later(r) && r.file !== 'sw.js');
const parts = rows.filter(later);
const line = (k, f, r, g) => `${k.padEnd(6)}${f.padEnd(44)}${r.padStart(16)}${g.padStart(16)}`;
const show = (label, t) => console.log(line(label, '', `${t.raw} (${kb(t.raw)})`, `${t.gz} (${kb(t.gz)})`));
console.log(line('kind', 'file', 'raw', 'gzip -9'));
for (const r of first) console.log(line(r.kind, r.file, `${r.raw} (${kb(r.raw)})`, `${r.gz} (${kb(r.gz)})`));
show('first', sum(first));
if (parts.length) show(`+${parts.length}`, sum(parts));
show('total', sum(rows));

if (check) {
  // Files are budgeted by name without the content hash (`split_import-<hash>.wasm` is
  // `split_import.wasm`); the shared chunks (their numbers move as code moves) as a whole and by
  // the largest one.
  const budget = JSON.parse(readFileSync(check, 'utf8'));
  const plain = (f) => f.replace(/-[0-9a-f]{8,}(?=(_bg)?\.\w+$)/, '');
  const chunks = rows.filter((r) => /^chunk_/.test(r.file));
  const measured = [
    ['first load', sum(first).gz],
    ['every screen', sum(first).gz + sum(parts).gz],
    ['chunks, together', sum(chunks).gz],
    ['chunks, largest', Math.max(0, ...chunks.map((r) => r.gz))],
    ...rows.filter((r) => !/^chunk_/.test(r.file) && r.file !== 'sw.js').map((r) => [plain(r.file), r.gz]),
  ];
  const problems = [];
  for (const [name, gz] of measured) {
    const limit = budget.gzip[name];
    if (limit === undefined) problems.push(`${name}: ${gz} B gzip and no budget in ${check} — add one (and say why in your note)`);
    else if (gz > limit) problems.push(`${name}: ${gz} B gzip, budget ${limit} B — ${gz - limit} B over`);
  }
  if (problems.length) {
    console.error(`\nOver the size budget (${check}):\n  ${problems.join('\n  ')}`);
    console.error('Pay for the new bytes, or raise the budget in the open with the reason in your note.');
    process.exit(1);
  }
  console.log(`\nwithin the size budget (${check}): ${measured.length} figures`);
}
