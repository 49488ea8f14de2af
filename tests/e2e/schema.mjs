import { createHash } from 'node:crypto';
// Validation of bundles against the published JSON Schema (docs/bundle.schema.json), for tests
// that want to check a file the app wrote (an export, a download):
//
//   import { validateBundle, describeErrors } from './schema.mjs';
//   const { ok, errors } = validateBundle(text);
//   assert.ok(ok, describeErrors(errors));
//
// Text is read the way the app reads a file: a leading byte-order mark is ignored, empty text and
// text that is not JSON are errors (keyword "json", before the schema is applied). The schema
// judges each value on its own; references between records, duplicate ids and the nesting depth
// are the app's checks (see docs/bundle-format.md), not this helper's.
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';

export const SCHEMA_PATH = new URL('../../docs/bundle.schema.json', import.meta.url);

/** The schema document, as parsed. */
export const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8'));

/** A new Ajv instance with the options the project uses: strict, every error reported. */
export function newAjv() {
  // Union types (`["string", "null"]`) are how the schema says "optional, null allowed";
  // `verbose` gives each error its schema, whose description says what a pattern means.
  return new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true, verbose: true });
}

let compiled;
/** The compiled validator (compiled once, on first use). */
export function validator() {
  compiled ??= newAjv().compile(schema);
  return compiled;
}

const jsonError = (message) => ({ instancePath: '', schemaPath: '', keyword: 'json', params: {}, message });

/**
 * Validate a bundle given as text (string or Buffer, as read from a file) or as an already
 * parsed value. Returns `{ ok, errors }`; `errors` are Ajv error objects (`instancePath`,
 * `keyword`, `message`, `params`), plus `keyword: "json"` when the text is not JSON at all.
 */
export function validateBundle(input) {
  let value = input;
  if (typeof input === 'string' || input instanceof Uint8Array) {
    let text = typeof input === 'string' ? input : Buffer.from(input).toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.trim() === '') return { ok: false, errors: [jsonError('the file is empty')] };
    try {
      value = JSON.parse(text);
    } catch (e) {
      return { ok: false, errors: [jsonError(`not JSON: ${e.message}`)] };
    }
  }
  const validate = validator();
  const ok = validate(value);
  return { ok, errors: ok ? [] : [...validate.errors] };
}

/** Errors as readable lines, `/records/activities/3/cash_vnd: must be >= 0`, at most `max`. */
export function describeErrors(errors, max = 20) {
  const lines = errors.slice(0, max).map((e) => {
    let message = e.message;
    if (e.keyword === 'enum') {
      message += ` (${e.params.allowedValues.map((v) => JSON.stringify(v)).join(', ')})`;
    } else if (e.keyword === 'pattern') {
      // The date and timestamp patterns are long: say what they mean instead of printing them.
      const what = e.parentSchema?.description ?? `text matching ${e.params.pattern}`;
      message = `invalid, expected ${/^[A-Z](?![A-Z0-9])/.test(what) ? what[0].toLowerCase() + what.slice(1) : what}`;
    }
    return `${e.instancePath || '(top)'}: ${message}`;
  });
  if (errors.length > max) lines.push(`… and ${errors.length - max} more`);
  return lines.join('\n');
}

/**
 * The digest a bundle's text should carry, computed as docs/bundle-format.md defines it: SHA-256
 * of `[<records>,<tombstones>]`, each value as written in the file with the white space between
 * JSON tokens removed. Written independently of the app (a scanner over the raw text).
 */
export function canonicalDigest(text) {
  const raw = (name) => {
    // The value of a top-level field: from after `"name":` to its matching close.
    const start = text.indexOf(`"${name}"`);
    if (start < 0) return null;
    let i = text.indexOf(':', start) + 1;
    while (/\s/.test(text[i])) i++;
    let depth = 0;
    let inString = false;
    for (let j = i; j < text.length; j++) {
      const c = text[j];
      if (inString) {
        if (c === '\\') j++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        depth--;
        if (depth === 0) return text.slice(i, j + 1);
      } else if (depth === 0 && (c === ',' || c === '}')) return text.slice(i, j);
    }
    return null;
  };
  const minify = (json) => {
    let out = '';
    let inString = false;
    for (let j = 0; j < json.length; j++) {
      const c = json[j];
      if (inString) {
        out += c;
        if (c === '\\') out += json[++j];
        else if (c === '"') inString = false;
      } else if (c === '"') {
        inString = true;
        out += c;
      } else if (!' \t\n\r'.includes(c)) out += c;
    }
    return out;
  };
  // The sender is covered too (docs/bundle-format.md, Digest).
  const canonical = `[${minify(raw('source') ?? 'null')},${minify(raw('records') ?? 'null')},${minify(raw('tombstones') ?? '[]')}]`;
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
