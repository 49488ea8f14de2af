// `make single`: the one-file edition, dist-single/donghanh.html, built from the release app in
// dist/. The stylesheet, the wasm-bindgen glue (turned from a module with exports into plain
// statements), the wasm (base64) and the two demo bundles all go inside, so the file works when
// opened from a USB stick (file://) or an e-mail attachment: nothing is fetched. Its
// Content-Security-Policy allows no origin at all, and inline code only by hash.
import { readFileSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const DIST = process.argv[2] ?? 'dist';
const OUT_DIR = process.argv[3] ?? 'dist-single';

const files = readdirSync(DIST);
const one = (re) => {
  const found = files.filter((f) => re.test(f));
  if (found.length !== 1) throw new Error(`expected one ${re} in ${DIST}, found ${found.length}: run make build`);
  return join(DIST, found[0]);
};
const html = readFileSync(join(DIST, 'index.html'), 'utf8');
const css = readFileSync(one(/^main-.*\.css$/), 'utf8');
const wasm = readFileSync(one(/_bg\.wasm$/));
let glue = readFileSync(one(/^donghanh-[0-9a-f]+\.js$/), 'utf8');
const demo = readFileSync(join(DIST, 'demo.json'), 'utf8');
const demo2023 = readFileSync(join(DIST, 'demo-2023.json'), 'utf8');
const favicon = readFileSync(one(/^favicon-.*\.svg$/));

// The screens' wasm parts and their loader (scripts/post-build.mjs), when the build split them:
// the loader becomes plain statements too, fetching each part from a block of this file.
const loaderFile = files.find((f) => /^split-[0-9a-f]+\.js$/.test(f));
const parts = files.filter((f) => f.endsWith('.wasm') && !f.endsWith('_bg.wasm'));
let splitCode = '';
if (loaderFile) {
  let loader = readFileSync(join(DIST, loaderFile), 'utf8');
  // One script here: the glue's initSync is in scope.
  const glueImport = /^import \{ initSync \} from "\.\/donghanh-[0-9a-f]+\.js";$/m;
  if (!glueImport.test(loader)) throw new Error('the split loader does not import initSync from the glue');
  loader = loader.replace(glueImport, '');
  let fetched = 0;
  loader = loader.replace(/fetch\(new URL\("\.\/([\w.-]+\.wasm)", import\.meta\.url\)\)/g, (_, name) => {
    if (!parts.includes(name)) throw new Error(`the split loader fetches ${name}, which dist/ does not have`);
    fetched++;
    return `__splitPart(${JSON.stringify(name)})`;
  });
  if (fetched === 0) throw new Error('the split loader fetches no wasm part');
  const names = [...loader.matchAll(/^export const (\w+) =/gm)].map((m) => m[1]);
  loader = loader.replace(/^export const /gm, 'const ');
  if (/^\s*(import|export)\s/m.test(loader)) throw new Error('the split loader still has an import or export');
  splitCode = `const __splitPart = (name) => {
  const bin = atob(document.getElementById('donghanh-part-' + name).textContent);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return Promise.resolve(new Response(bytes, { headers: { 'Content-Type': 'application/wasm' } }));
};
${loader}
const __split = { ${names.join(', ')} };
`;
  const importLine = new RegExp(`^import \\* as (\\w+) from "\\./${loaderFile.replace('.', '\\.')}";?$`, 'gm');
  if (!importLine.test(glue)) throw new Error('the glue does not import the split loader');
  glue = glue.replace(importLine, 'const $1 = __split;');
}

// The glue as plain statements: remember what it exported (the test hooks read them from
// window.wasmBindings, as in the served app) and drop the `export` keywords.
const exported = [...glue.matchAll(/^export (?:async )?(?:function|class) ([A-Za-z_$][\w$]*)/gm)].map((m) => m[1]);
glue = glue
  .replace(/^export ((?:async )?(?:function|class) )/gm, '$1')
  .replace(/^export \{[^}]*\};?[ \t]*$/gm, '')
  .replace(/import\.meta\.url/g, 'location.href');
if (/^\s*(import|export)\s/m.test(glue)) throw new Error('the glue still has an import or export');
if (!glue.includes('async function __wbg_init')) throw new Error('the glue has no __wbg_init');

const loader = `${splitCode}${glue}
{
const text = document.getElementById('donghanh-wasm').textContent;
const bin = atob(text);
const bytes = new Uint8Array(bin.length);
for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
const instance = await __wbg_init({ module_or_path: bytes });
window.wasmBindings = { ${exported.join(', ')} };
dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm: instance } }));
}
`;

// Inside <script> and <style>, "</" would end the element early.
const guard = (what, text) => {
  if (/<\/(script|style)/i.test(text)) throw new Error(`${what} contains a closing tag`);
  return text;
};
// JSON has "<" only inside strings, where \u003c means the same.
const demoBlock = demo.replace(/</g, '\\u003c');
const demo2023Block = demo2023.replace(/</g, '\\u003c');
const sha = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const csp = [
  "default-src 'none'",
  `script-src 'wasm-unsafe-eval' ${sha(loader)}`,
  `style-src ${sha(css)}`,
  'img-src data: blob:',
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const head = (name) => {
  const m = html.match(new RegExp(`<meta[^>]*name=["']?${name}["']?[^>]*>`));
  return m ? m[0] : '';
};
const out = `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
${head('viewport')}
${head('description')}
${head('theme-color')}
<title>Đồng Hành</title>
<link rel="icon" type="image/svg+xml" href="data:image/svg+xml;base64,${favicon.toString('base64')}">
<style>${guard('the stylesheet', css)}</style>
<script type="application/json" id="donghanh-demo">${demoBlock}</script>
<script type="application/json" id="donghanh-demo-2023">${demo2023Block}</script>
<script type="application/octet-stream" id="donghanh-wasm">${wasm.toString('base64')}</script>
${parts.map((name) => `<script type="application/octet-stream" id="donghanh-part-${name}">${readFileSync(join(DIST, name)).toString('base64')}</script>`).join('\n')}
<script type="module">${guard('the glue', loader)}</script>
</head>
<body>
<noscript>Đồng Hành cần bật JavaScript. / Đồng Hành needs JavaScript enabled.</noscript>
</body>
</html>
`;

mkdirSync(OUT_DIR, { recursive: true });
const path = join(OUT_DIR, 'donghanh.html');
writeFileSync(path, out);
console.log(`${path}: ${(Buffer.byteLength(out)  / 1024 / 1024).toFixed(2)} MB (wasm ${(wasm.length / 1024).toFixed(0)} KB, demos ${((demo.length + demo2023.length) / 1024).toFixed(0)} KB)`);
