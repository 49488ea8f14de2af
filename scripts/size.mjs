// Prints raw and gzipped bytes of the wasm, JS and CSS that a static host serves from dist/: what
// the first load fetches, the screens' wasm parts fetched when a screen opens, and the total.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';
import { gzipSync } from 'node:zlib';

const dir = process.argv[2] ?? 'dist';
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
const line = (k, f, r, g) => `${k.padEnd(6)}${f.padEnd(44)}${r.padStart(16)}${g.padStart(16)}`;
const show = (label, t) => console.log(line(label, '', `${t.raw} (${kb(t.raw)})`, `${t.gz} (${kb(t.gz)})`));
console.log(line('kind', 'file', 'raw', 'gzip -9'));
for (const r of rows.filter((r) => !later(r) && r.file !== 'sw.js')) {
  console.log(line(r.kind, r.file, `${r.raw} (${kb(r.raw)})`, `${r.gz} (${kb(r.gz)})`));
}
show('first', sum(rows.filter((r) => !later(r) && r.file !== 'sw.js')));
const parts = rows.filter(later);
if (parts.length) show(`+${parts.length}`, sum(parts));
show('total', sum(rows));
