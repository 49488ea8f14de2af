// Trunk post_build hook (Trunk.toml): writes into the staged index.html a
// Content-Security-Policy that allows only this origin and, by hash, the inline loader scripts
// Trunk generated; and stamps public/sw.js with this build's id and the files to keep offline.
import { readFileSync, writeFileSync, readdirSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('TRUNK_STAGING_DIR is not set: run through trunk');
const indexPath = join(dir, 'index.html');
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
writeFileSync(indexPath, html.replace(placeholder, `content="${policy}"`));
console.log(`post-build: ${dev ? 'development' : 'release'} Content-Security-Policy`);

const swPath = join(dir, 'sw.js');
if (existsSync(swPath)) {
  const files = readdirSync(dir).filter((f) => f !== 'sw.js' && !f.startsWith('.'));
  const build = createHash('sha256').update(files.sort().join('\n')).update(html).digest('hex').slice(0, 16);
  const sw = readFileSync(swPath, 'utf8')
    .replace("'__BUILD__'", JSON.stringify(build))
    .replace("['__ASSETS__']", JSON.stringify(['./', ...files]));
  writeFileSync(swPath, sw);
}
