// Trunk post_build hook (Trunk.toml): writes into the staged index.html a
// Content-Security-Policy that allows only this origin and, by hash, the inline loader scripts
// Trunk generated; and stamps public/sw.js with this build's id and the files to keep offline.
import { readFileSync, writeFileSync, readdirSync, existsSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('TRUNK_STAGING_DIR is not set: run through trunk');
const indexPath = join(dir, 'index.html');
const hash = (bytes, n = 16) => createHash('sha256').update(bytes).digest('hex').slice(0, n);

// Screens split off by tools/bin/wasm-bindgen: their wasm parts and the loader that fetches them
// go into dist under hashed names. The glue and the loader import each other, so both are named
// by one key made of everything they are built from (the parts and the glue as wasm-bindgen
// wrote it); index.html follows the glue's new name (its import, its modulepreload link and
// that link's integrity hash).
function placeSplitParts() {
  const from = join(process.env.CARGO_TARGET_DIR ?? 'target', 'wasm-bindgen', process.env.TRUNK_PROFILE === 'release' ? 'release' : 'debug', 'split');
  if (!existsSync(from)) return;
  const glueFile = readdirSync(dir).find((f) => /^donghanh-[0-9a-f]+\.js$/.test(f));
  if (!glueFile) throw new Error('post-build: no donghanh-<hash>.js glue in the staging dir');
  const glue = readFileSync(join(dir, glueFile), 'utf8');
  let loader = readFileSync(join(from, '__wasm_split.js'), 'utf8');
  const key = createHash('sha256').update(glue).update(loader);
  const parts = readdirSync(from).filter((f) => f.endsWith('.wasm')).sort();
  for (const part of parts) {
    const bytes = readFileSync(join(from, part));
    const name = `${part.slice(0, -'.wasm'.length)}-${hash(bytes)}.wasm`;
    key.update(name);
    if (!loader.includes(`"./${part}"`)) throw new Error(`post-build: the split loader does not name ${part}`);
    loader = loader.replaceAll(`"./${part}"`, `"./${name}"`);
    writeFileSync(join(dir, name), bytes);
  }
  const k = key.digest('hex');
  const loaderName = `split-${k.slice(0, 16)}.js`;
  const newGlueFile = `donghanh-${k.slice(16, 32)}.js`;

  const glueImport = /^(import \{ initSync \} from )"\.\/[\w.-]+\.js";$/m;
  if (!glueImport.test(loader)) throw new Error('post-build: the split loader does not import initSync as expected');
  writeFileSync(join(dir, loaderName), loader.replace(glueImport, `$1"./${newGlueFile}";`));

  // Only the import statements: the wasm still names its import module "./__wasm_split.js".
  const splitImport = /(from\s*)(["'])\.\/__wasm_split\.js\2/g;
  if (!splitImport.test(glue)) throw new Error('post-build: the glue does not import __wasm_split.js');
  const newGlue = glue.replace(splitImport, `$1"./${loaderName}"`);
  rmSync(join(dir, glueFile));
  writeFileSync(join(dir, newGlueFile), newGlue);
  const integrity = `sha384-${createHash('sha384').update(newGlue).digest('base64')}`;
  let page = readFileSync(indexPath, 'utf8');
  if (!page.includes(glueFile)) throw new Error(`post-build: index.html does not load ${glueFile}`);
  page = page
    .replaceAll(glueFile, newGlueFile)
    .replace(new RegExp(`(href=["']?\\./${newGlueFile.replace('.', '\\.')}["']?[^>]*integrity=)["']?sha384-[A-Za-z0-9+/=]+["']?`), `$1${integrity}`);
  if (!page.includes(integrity)) throw new Error('post-build: could not update the glue integrity in index.html');
  writeFileSync(indexPath, page);
  console.log(`post-build: ${parts.length} split wasm parts, loader ${loaderName}`);
}
placeSplitParts();

const html = readFileSync(indexPath, 'utf8');

export function cspFor(markup, { self = "'self'" } = {}) {
  const inline = [...markup.matchAll(/<script\b(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/g)]
    .filter(([, attrs]) => !/type=["']?application\/json/.test(attrs))
    .map(([, , body]) => `'sha256-${createHash('sha256').update(body).digest('base64')}'`);
  return [
    `default-src ${self}`,
    `script-src ${self} 'wasm-unsafe-eval' ${inline.join(' ')}`.trim(),
    `style-src ${self}`,
    `img-src ${self} data: blob:`,
    `font-src ${self}`,
    `connect-src ${self}`,
    `worker-src ${self}`,
    `manifest-src ${self}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

// `trunk serve` injects its live-reload script (and socket) after this hook, with the address
// filled in: the development build cannot know its hash, so it allows inline scripts. Release
// builds — what is deployed — allow only the hashed loader.
const dev = process.env.TRUNK_PROFILE !== 'release';
const policy = dev
  ? cspFor(html).replace(/script-src [^;]*/, "script-src 'self' 'wasm-unsafe-eval' 'unsafe-inline'").replace("connect-src 'self'", "connect-src 'self' ws: wss:")
  : cspFor(html);
// The minifier may have dropped the quotes around the placeholder: write them back.
const placeholder = /content=("?)__CSP__\1/;
if (!placeholder.test(html)) throw new Error('index.html has no __CSP__ placeholder');
// This build's id, also in the page: the service worker keeps only a page of its own build
// (never a 404, a server error, a captive portal's page or another deploy's page).
const files = readdirSync(dir).filter((f) => f !== 'sw.js' && !f.startsWith('.'));
const build = createHash('sha256').update(files.sort().join('\n')).update(html).digest('hex').slice(0, 16);
const marked = html
  .replace(placeholder, `content="${policy}"`)
  .replace(/<meta charset="?utf-8"?\s*\/?>/i, (charset) => `${charset}<meta name="donghanh-build" content="${build}">`);
if (!marked.includes(`content="${build}"`)) throw new Error('index.html has no <meta charset> to put the build id after');
writeFileSync(indexPath, marked);
console.log(`post-build: ${dev ? 'development' : 'release'} Content-Security-Policy, build ${build}`);

const swPath = join(dir, 'sw.js');
if (existsSync(swPath)) {
  const sw = readFileSync(swPath, 'utf8')
    .replace("'__BUILD__'", JSON.stringify(build))
    .replace("['__ASSETS__']", JSON.stringify(['./', ...files]));
  writeFileSync(swPath, sw);
}
