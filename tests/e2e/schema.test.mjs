// The published bundle contract (docs/bundle-format.md, docs/bundle.schema.json) against what
// the app ships and refuses: the schema compiles in Ajv's strict mode; every bundle in the
// repository validates, and so does an export in the exact layout `bundle::format::write` gives;
// every file of the malformed corpus is classified — judged by the schema (with the path it
// points at), beyond what a schema can judge (with the reason), or accepted by the app too — and
// new corpus files must be classified; the patterns agree with the app's date, timestamp and
// period rules; the code lists and limits match the Rust sources; the document's examples
// validate (the Python one is run). No browser.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { canonicalDigest, describeErrors, newAjv, schema, validateBundle } from './schema.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const at = (p) => join(root, p);
const FIX = at('tests/fixtures/bundles');
const BAD = join(FIX, 'bad');
const read = (p) => readFileSync(p, 'utf8');
const clone = (v) => structuredClone(v);

const LISTS = {
  location: 'locations',
  unit: 'units',
  assignment: 'assignments',
  plan: 'plans',
  activity: 'activities',
  model: 'models',
  report: 'reports',
};

function assertValid(input, what) {
  const r = validateBundle(input);
  assert.ok(r.ok, `${what} should validate:\n${describeErrors(r.errors)}`);
}

function assertError(input, path, keyword, what) {
  const r = validateBundle(input);
  assert.equal(r.ok, false, `${what} should be refused by the schema`);
  assert.ok(
    r.errors.some((e) => e.instancePath === path && e.keyword === keyword),
    `${what}: expected a "${keyword}" error at "${path}", got:\n${describeErrors(r.errors)}`,
  );
}

describe('the schema itself', () => {
  test('compiles in strict mode, draft 2020-12, with a relative $id', () => {
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.equal(schema.$id, 'donghanh-bundle.schema.json');
    assert.doesNotThrow(() => newAjv().compile(schema));
  });

  test('money, counts, quantities and rev have the bounds the app checks (domain/validate.rs)', () => {
    const rust = read(at('core/src/domain/validate.rs'));
    const bound = (name) => {
      const m = rust.match(new RegExp(`pub const ${name}: [a-z0-9]+ = ([^;]+);`));
      assert.ok(m, name);
      return m[1].trim() === '(1 << 53) - 1' ? 2 ** 53 - 1 : Number(m[1].replace(/_/g, ''));
    };
    assert.equal(schema.$defs.rev.maximum, bound('MAX_REV'));
    assert.equal(schema.$defs.rev.maximum, Number.MAX_SAFE_INTEGER, 'exact in every JSON reader');
    assert.equal(schema.$defs.money_or_null.maximum, bound('MAX_MONEY'));
    assert.equal(schema.$defs.count_or_null.maximum, bound('MAX_COUNT'));
    assert.equal(schema.$defs.quantity_or_null.maximum, bound('MAX_QTY'));
  });
});

describe('bundles the app ships and writes', () => {
  const shipped = [
    ...readdirSync(FIX)
      .filter((f) => f.endsWith('.json'))
      .map((f) => join(FIX, f)),
    at('public/demo.json'),
    at('public/demo-2023.json'),
  ];
  for (const file of shipped) {
    test(`${file.slice(root.length)} validates`, () => assertValid(readFileSync(file), file));
  }

  test('an export in the exact layout bundle::format::write gives', () => {
    // Every optional field the writer leaves out when absent is absent somewhere, every one it
    // writes as a default is written; quantities carry a decimal point; unknown fields come
    // after the known ones (in a record and in a plan item); source holds only a label.
    const text = `{
  "format": "donghanh-bundle",
  "schema": 1,
  "exported_at": "2026-11-27T08:30:00.123Z",
  "app": "donghanh 0.1.0",
  "source": {"label":"DỮ LIỆU MẪU — tỉnh Hòa Bình, nay thuộc tỉnh Phú Thọ (minh họa)"},
  "records": {
    "locations": [
      {"id":"p","rev":1,"updated_at":"2026-01-01T00:00:00.000Z","name":"Hòa Bình","level":"province","label":"tỉnh","difficult":false},
      {"id":"c","rev":2,"updated_at":"2026-01-01T00:00:00.000Z","name":"Pà Cò","level":"commune","parent_id":"p","label":"xã","difficult":true,"code":"04891","valid_from":"2025-07-01"},
      {"id":"c-old","rev":1,"updated_at":"2026-01-01T00:00:00.000Z","name":"Pà Cò cũ","level":"commune","label":"","difficult":false,"valid_from":"2000-01-01","valid_to":"2025-06-30"},
      {"id":"v","rev":1,"updated_at":"2026-01-01T00:00:00.000Z","name":"Bản Pà Cò","level":"village","parent_id":"c","label":"bản","difficult":true}
    ],
    "units": [
      {"id":"u","rev":1,"updated_at":"2026-01-01T00:00:00.000Z","name":"Phòng Nông nghiệp huyện","short_name":"","level":"district","location_id":"p","bloc":""}
    ],
    "assignments": [
      {"id":"as","rev":1,"updated_at":"2026-01-01T00:00:00.000Z","unit_id":"u","location_id":"v","phase":"2021-2025","role":"support","decision":""}
    ],
    "plans": [
      {"id":"pl-phase","rev":1,"updated_at":"2026-01-01T00:00:00.000Z","unit_id":"u","location_id":"c","phase":"2021-2025","number":"","status":"draft","items":[]},
      {"id":"pl-2024","rev":1,"updated_at":"2026-01-01T00:00:00.000Z","unit_id":"u","location_id":"c","phase":"2021-2025","year":2024,"number":"3/KH-NN","issued_on":"2024-01-15","status":"issued","items":[{"id":"i","category":"infrastructure","title":"Đường bê tông","measure":"km","target_qty":2.5,"target_vnd":900000000,"due":"2024-12-31","contractor":{"name":"X"}},{"id":"j","category":"other","title":"","measure":"","target_qty":0.0,"target_vnd":0}]}
    ],
    "activities": [
      {"id":"a","rev":4,"updated_at":"2026-03-01T10:00:00.000Z","unit_id":"u","location_id":"v","date":"2024-05-02","category":"infrastructure","title":"Làm đường","description":"","cash_vnd":450000000,"in_kind_vnd":0,"funding":"budget","qty":1.25,"measure":"km","households":0,"poor_households":0,"people":0,"plan_item_id":"i","model_id":"m","gps":{"lat":20.7,"lon":105.1},"note_2027":"from a newer app"},
      {"id":"b","rev":1,"updated_at":"2026-03-01T10:00:00.000Z","unit_id":"u","location_id":"v","date":"2024-05-03","category":"other","title":"Họp","description":"","cash_vnd":0,"in_kind_vnd":0,"funding":"","qty":0.0,"measure":"","households":0,"poor_households":0,"people":0}
    ],
    "models": [
      {"id":"m","rev":1,"updated_at":"2026-01-01T00:00:00.000Z","unit_id":"u","location_id":"v","name":"Trồng rừng","kind":"forest","households":0,"capital_vnd":0,"status":"stopped","outcome":""}
    ],
    "reports": [
      {"id":"r","rev":1,"updated_at":"2026-01-01T00:00:00.000Z","unit_id":"u","period":"2024-H1","assessment":"","difficulties":"","proposals":"","status":"draft"},
      {"id":"r2","rev":1,"updated_at":"2026-01-01T00:00:00.000Z","unit_id":"u","period":"2021-2025","assessment":"","difficulties":"","proposals":"","status":"submitted","submitted_at":"2025-12-20T01:02:03.000Z"}
    ]
  },
  "tombstones": [
    {"kind":"activity","id":"gone","rev":3,"updated_at":"2026-02-01T00:00:00.000Z"},
    {"kind":"location","id":"gone-too","rev":2,"updated_at":"2026-02-01T00:00:00.000Z"}
  ]
}
`;
    assertValid(text, 'export layout');
  });

  test('an empty export, and the smallest bundle the app reads', () => {
    const empty = `{
  "format": "donghanh-bundle",
  "schema": 1,
  "exported_at": "2026-11-27T08:30:00Z",
  "app": "donghanh 0.1.0",
  "records": {
    "locations": [],
    "units": [],
    "assignments": [],
    "plans": [],
    "activities": [],
    "models": [],
    "reports": []
  },
  "tombstones": []
}
`;
    assertValid(empty, 'empty export');
    assertValid('{"format":"donghanh-bundle","schema":1}', 'format and schema only');
    assertValid('{"format":"donghanh-bundle","schema":1,"records":null,"tombstones":null}', 'null lists');
    assertValid('{"format":"donghanh-bundle","schema":1,"records":{"units":null}}', 'a null list');
  });

  test('what other tools may write: nulls for optional fields, no defaults, any order, extra top-level fields', () => {
    const bundle = {
      records: {
        locations: [
          { id: 'c', rev: 1, updated_at: '2026-11-27T15:30:00+07:00', name: 'Pà Cò', level: 'commune', parent_id: null, label: null, difficult: null, code: null, valid_from: null, valid_to: null },
        ],
        units: [{ id: 'u', rev: 1, updated_at: '2026-11-27t08:30:00z', name: 'KBNN', level: 'province', short_name: null, location_id: null, bloc: 'Khối chính quyền' }],
        activities: [
          {
            id: 'a', rev: 1, updated_at: '2026-11-27T08:30:00Z', unit_id: 'u', location_id: 'c', date: '2024-02-29', category: 'gifts', title: 'Quà',
            description: null, cash_vnd: null, in_kind_vnd: 1250000.0, funding: null, qty: null, measure: null, households: null,
            poor_households: null, people: null, plan_item_id: null, model_id: null,
          },
        ],
        plans: [{ id: 'p', rev: 1, updated_at: '2026-11-27T08:30:00Z', unit_id: 'u', location_id: 'c', phase: '2021-2025', year: null, status: 'draft', items: null, issued_on: null }],
        models: [{ id: 'm', rev: 1, updated_at: '2026-11-27T08:30:00Z', unit_id: 'u', location_id: 'c', name: 'Vịt', kind: 'duck', status: 'running', started_on: null }],
        reports: [{ id: 'r', rev: 1, updated_at: '2026-11-27T08:30:00Z', unit_id: 'u', period: '2023', status: 'draft', submitted_at: null }],
        assignments: [{ id: 'as', rev: 1, updated_at: '2026-11-27T08:30:00Z', unit_id: 'u', location_id: 'c', phase: '2021-2025', role: 'lead', officer: null }],
      },
      schema: 1,
      format: 'donghanh-bundle',
      generator: { name: 'my-script', version: 3 },
      source: null,
      exported_at: null,
      app: null,
    };
    assertValid(bundle, 'a bundle from another tool');
  });
});

describe('the malformed corpus (tests/fixtures/bundles/bad/)', () => {
  // Judged by the schema: the first element is where the schema (or, for `json`, the parser in
  // validateBundle) points. For record problems, the app's message in EXPECTED.tsv is checked
  // to name the same record and field.
  const JUDGED = {
    '01-not-json.json': ['', 'json'],
    '02-empty.json': ['', 'json'],
    '03-truncated.json': ['', 'json'],
    '05-wrong-format.json': ['/format', 'const'],
    '06-missing-format.json': ['', 'required', 'format'],
    '07-future-schema.json': ['/schema', 'const'],
    '08-schema-string.json': ['/schema', 'const'],
    '09-records-not-object.json': ['/records', 'type'],
    '10-list-not-array.json': ['/records/activities', 'type'],
    '11-tombstones-not-list.json': ['/tombstones', 'type'],
    '12-top-level-array.json': ['', 'type'],
    '13-missing-id.json': ['/records/activities/0', 'required', 'id'],
    '15-bad-date.json': ['/records/activities/0/date', 'pattern'],
    '16-bad-timestamp.json': ['/records/units/0/updated_at', 'pattern'],
    '17-negative-money.json': ['/records/activities/1/cash_vnd', 'minimum'],
    '18-fractional-money.json': ['/records/activities/2/in_kind_vnd', 'type'],
    '19-money-2pow63.json': ['/records/activities/0/cash_vnd', 'maximum'],
    '20-unknown-category.json': ['/records/activities/3/category', 'enum'],
    '26-rev-zero.json': ['/records/units/1/rev', 'minimum'],
    '27-money-as-text.json': ['/records/activities/0/cash_vnd', 'type'],
    '28-record-not-object.json': ['/records/activities/4', 'type'],
    '29-plan-item-unknown-category.json': ['/records/plans/0/items/0/category', 'enum'],
    '30-missing-schema.json': ['', 'required', 'schema'],
    '31-negative-count.json': ['/records/activities/2/households', 'minimum'],
    '32-date-as-number.json': ['/records/activities/1/date', 'type'],
    '33-id-too-long.json': ['/records/units/0/id', 'maxLength'],
    '34-rev-above-2pow53.json': ['/records/activities/0/rev', 'maximum'],
    '35-money-above-1e15.json': ['/records/activities/0/cash_vnd', 'maximum'],
    '36-tombstone-max-rev.json': ['/tombstones/0/rev', 'maximum'],
  };

  // Refused or skipped by the app for reasons a JSON Schema cannot see. `schema` is what the
  // schema says about the file.
  const NOT_JUDGED = {
    '14-duplicate-ids.json': {
      reason:
        'two activities share the id "a-2": JSON Schema cannot require a field to be unique across the items of a list (uniqueItems compares whole items, and would cost n² on 30,000 activities); the app leaves out every record with a duplicated id',
      schema: 'accepts',
    },
    '21-dangling-unit.json': {
      reason:
        'an activity refers to a unit that is not in the file: a reference may point at a record already stored in the receiving browser, which a schema cannot see; the app leaves the record out when the unit is in neither place',
      schema: 'accepts',
    },
    '22-dangling-location.json': {
      reason:
        'an assignment refers to a location that is not in the file: same as for units; the app leaves the record out',
      schema: 'accepts',
    },
    '23-deep-nesting.json': {
      reason:
        'an unknown field nested 10,000 levels deep: JSON Schema has no depth limit and unknown fields are allowed; the app refuses the whole file beyond 128 levels. The schema rejects this particular file only because its unit has no rev, updated_at, name or level (a complete unit nested as deep is accepted, see below)',
      schema: 'rejects for another reason',
      errors: (errors) =>
        errors.every((e) => e.instancePath === '/records/units/0' && e.keyword === 'required'),
    },
    '25-village-under-district.json': {
      reason:
        "a village whose parent_id names a district: the parent's level is in another record; the app checks the location tree and leaves the village out",
      schema: 'accepts',
    },
  };

  // Accepted by the app too.
  const ACCEPTED = {
    '04-bom.json': 'a byte-order mark before the JSON: the app ignores it with a notice, and validateBundle strips it the same way',
    '24-html-everywhere.json': "markup in every text field is text like any other; escaping it is the app's job when it shows it",
    '37-control-characters.json': 'control characters in a title are text the app keeps; the spreadsheets it writes drop the ones XML cannot hold',
    '38-formula-text.json': 'text that a spreadsheet would run as a formula is text; the CSV and XLSX the app writes keep it as text',
    '39-cross-unit-deletion.json':
      "a unit's file that deletes and adds another unit's records is well-formed; whose records a file may change depends on what the receiving browser holds, so the app lists those changes apart and applies them only if the person accepts",
    '40-digest-mismatch.json':
      'a digest that does not match the data is still a 64-digit hex string; recomputing it needs the canonical form, so the app checks it and warns, and imports only after an explicit tick',
  };

  const expected = new Map(
    read(join(BAD, 'EXPECTED.tsv'))
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('#'))
      .map((l) => l.split('\t'))
      .map(([file, outcome, message]) => [file, { outcome, message }]),
  );
  const files = readdirSync(BAD).filter((f) => f !== 'EXPECTED.tsv');

  test('every corpus file is classified, once, consistently with EXPECTED.tsv', () => {
    const lists = [Object.keys(JUDGED), Object.keys(NOT_JUDGED), Object.keys(ACCEPTED)];
    for (const f of files) {
      const n = lists.filter((l) => l.includes(f)).length;
      assert.equal(
        n,
        1,
        `${f} must be in exactly one of JUDGED, NOT_JUDGED (with the reason) or ACCEPTED in tests/e2e/schema.test.mjs`,
      );
      assert.ok(expected.has(f), `${f} has no line in EXPECTED.tsv`);
    }
    for (const f of [...lists.flat(), ...expected.keys()]) {
      assert.ok(files.includes(f), `${f} is listed but not in ${BAD}`);
    }
    for (const f of Object.keys(ACCEPTED)) assert.equal(expected.get(f).outcome, 'accepted', f);
    for (const f of [...Object.keys(JUDGED), ...Object.keys(NOT_JUDGED)]) {
      assert.match(expected.get(f).outcome, /^(refused|invalid)$/, f);
    }
  });

  for (const [file, [path, keyword, missing]] of Object.entries(JUDGED)) {
    test(`${file}: refused by the schema at "${path || '(top)'}" (${keyword})`, () => {
      const bytes = readFileSync(join(BAD, file));
      const r = validateBundle(bytes);
      assert.equal(r.ok, false);
      const hit = r.errors.find(
        (e) => e.instancePath === path && e.keyword === keyword && (!missing || e.params.missingProperty === missing),
      );
      assert.ok(hit, `expected ${keyword} at "${path}", got:\n${describeErrors(r.errors)}`);

      // The app's message names the same record and field.
      const { outcome, message } = expected.get(file);
      if (outcome !== 'invalid') return;
      if (path.startsWith('/tombstones/')) {
        // «activity "a-1", field tombstones[0].rev: …»: the deleted record, and the tombstone's field
        assert.ok(message.includes(`field ${path.slice(1).replace(/\/(\d+)\//, '[$1].')}:`), message);
        return;
      }
      // «activity "a-2", field cash_vnd: …», «activity (no id): …» or just «field id: …»
      const m = message.match(/^(?:(\w+) (?:"([^"]*)"|\(no id\))(?:, |(?=:)))?(?:field ([^:]+))?:/);
      assert.ok(m, `cannot read the record in «${message}»`);
      const [, kind = Object.keys(LISTS).find((k) => path.startsWith(`/records/${LISTS[k]}/`)), id, field = ''] = m;
      const prefix = `/records/${LISTS[kind]}/`;
      assert.ok(path.startsWith(prefix), `${path} is not in ${LISTS[kind]}`);
      const [index, ...rest] = path.slice(prefix.length).split('/');
      const fieldPath = [...rest, ...(missing ? [missing] : [])].join('/');
      assert.equal(fieldPath, field.replace(/\[(\d+)\]/g, '/$1').replace(/\./g, '/'), 'field');
      if (id !== undefined) {
        const record = JSON.parse(bytes.toString('utf8')).records[LISTS[kind]][Number(index)];
        assert.equal(record.id, id, 'record');
      }
    });
  }

  for (const [file, { reason, schema: verdict, errors }] of Object.entries(NOT_JUDGED)) {
    test(`${file}: not judged by the schema, ${expected.get(file)?.outcome} by the app — ${reason}`, () => {
      const r = validateBundle(readFileSync(join(BAD, file)));
      if (verdict === 'accepts') {
        assert.ok(r.ok, describeErrors(r.errors));
      } else {
        assert.equal(r.ok, false);
        assert.ok(errors(r.errors), describeErrors(r.errors));
      }
    });
  }

  for (const [file, reason] of Object.entries(ACCEPTED)) {
    test(`${file}: accepted by the schema as by the app — ${reason}`, () => {
      assertValid(readFileSync(join(BAD, file)), file);
    });
  }

  test('depth is not the schema’s business: a complete unit with a 10,000-deep unknown field validates', () => {
    const deep = `{"format":"donghanh-bundle","schema":1,"records":{"units":[{"id":"u","rev":1,"updated_at":"2026-01-01T00:00:00Z","name":"A","level":"province","x":${'['.repeat(10000)}1${']'.repeat(10000)}}]}}`;
    assertValid(deep, 'deep unknown field');
  });
});

describe('more that the schema judges', () => {
  const base = JSON.parse(read(join(FIX, 'small.json')));
  base.records.plans = [
    {
      id: 'p-1', rev: 1, updated_at: '2026-01-05T00:00:00Z', unit_id: 'u-kbnn', location_id: 'c-paco', phase: '2021-2025',
      year: 2023, number: '12/KH-KBNN', status: 'issued',
      items: [{ id: 'i-1', category: 'gifts', title: 'Quà Tết', measure: 'gift', target_qty: 50, target_vnd: 15000000, due: '2023-12-31' }],
    },
  ];
  base.records.models = [
    { id: 'm-1', rev: 1, updated_at: '2026-01-05T00:00:00Z', unit_id: 'u-kbnn', location_id: 'v-paco-1', name: 'Nuôi vịt', kind: 'duck', status: 'running' },
  ];
  base.records.reports = [
    { id: 'r-1', rev: 1, updated_at: '2026-01-05T00:00:00Z', unit_id: 'u-kbnn', period: '2023', status: 'submitted', submitted_at: '2023-12-12T08:00:00Z' },
  ];
  base.tombstones = [{ kind: 'activity', id: 'a-9', rev: 2, updated_at: '2026-01-05T00:00:00Z' }];
  test('the base for these cases is valid', () => assertValid(base, 'base'));

  const cases = [
    // [what, change, path, keyword] — keyword null: the change is valid
    ['a village without parent_id', (b, R) => delete R.locations[3].parent_id, '/records/locations/3', 'required'],
    ['a village with parent_id null', (b, R) => (R.locations[3].parent_id = null), '/records/locations/3/parent_id', 'type'],
    ['a province with a parent', (b, R) => (R.locations[0].parent_id = 'd-maichau'), '/records/locations/0/parent_id', 'type'],
    ['a commune without parent', (b, R) => delete R.locations[2].parent_id, null],
    ['an unknown location level', (b, R) => (R.locations[1].level = 'huyện'), '/records/locations/1/level', 'enum'],
    ['difficult as text', (b, R) => (R.locations[2].difficult = 'true'), '/records/locations/2/difficult', 'type'],
    ['a location code of 65 characters', (b, R) => (R.locations[2].code = 'x'.repeat(65)), '/records/locations/2/code', 'maxLength'],
    ['a blank unit name', (b, R) => (R.units[0].name = '   '), '/records/units/0/name', 'pattern'],
    ['a name of 501 characters', (b, R) => (R.units[0].name = 'ơ'.repeat(501)), '/records/units/0/name', 'maxLength'],
    ['a name of 500 characters', (b, R) => (R.units[0].name = 'ơ'.repeat(500)), null],
    ['a free-text bloc', (b, R) => (R.units[0].bloc = 'Khối doanh nghiệp'), null],
    ['an unknown unit level', (b, R) => (R.units[0].level = 'commune'), '/records/units/0/level', 'enum'],
    ['an empty id', (b, R) => (R.units[0].id = ''), '/records/units/0/id', 'minLength'],
    ['an id of 64 characters', (b, R) => (R.units[0].id = 'é'.repeat(64)), null],
    ['an unknown role', (b, R) => (R.assignments[0].role = 'chủ trì'), '/records/assignments/0/role', 'enum'],
    ['a blank phase', (b, R) => (R.assignments[0].phase = ''), '/records/assignments/0/phase', 'minLength'],
    ['an activity without title', (b, R) => delete R.activities[0].title, '/records/activities/0', 'required'],
    ['an unknown funding', (b, R) => (R.activities[0].funding = 'grant'), '/records/activities/0/funding', 'enum'],
    ['an empty funding and measure', (b, R) => Object.assign(R.activities[0], { funding: '', measure: '' }), null],
    ['an unknown measure', (b, R) => (R.activities[0].measure = 'kg'), '/records/activities/0/measure', 'enum'],
    ['a negative quantity', (b, R) => (R.activities[0].qty = -1), '/records/activities/0/qty', 'minimum'],
    ['a fractional quantity', (b, R) => (R.activities[0].qty = 2.5), null],
    ['money written 1250000.0', (b, R) => (R.activities[0].cash_vnd = 1250000.0), null],
    ['a description of 20,001 characters', (b, R) => (R.activities[0].description = 'a'.repeat(20001)), '/records/activities/0/description', 'maxLength'],
    ['a description of 20,000 characters', (b, R) => (R.activities[0].description = 'a'.repeat(20000)), null],
    ['a date dd/mm/yyyy', (b, R) => (R.activities[0].date = '13/12/2023'), '/records/activities/0/date', 'pattern'],
    ['29 February of a leap year', (b, R) => (R.activities[0].date = '2024-02-29'), null],
    ['29 February of 2023', (b, R) => (R.activities[0].date = '2023-02-29'), '/records/activities/0/date', 'pattern'],
    ['a year before 1900', (b, R) => (R.activities[0].date = '1899-12-31'), '/records/activities/0/date', 'pattern'],
    ['a timestamp without zone', (b, R) => (R.activities[0].updated_at = '2026-11-27T08:30:00'), '/records/activities/0/updated_at', 'pattern'],
    ['a timestamp with an offset', (b, R) => (R.activities[0].updated_at = '2026-11-27T15:30:00+07:00'), null],
    ['rev as text', (b, R) => (R.activities[0].rev = '1'), '/records/activities/0/rev', 'type'],
    ['a plan year 1989', (b, R) => (R.plans[0].year = 1989), '/records/plans/0/year', 'minimum'],
    ['a plan year 2101', (b, R) => (R.plans[0].year = 2101), '/records/plans/0/year', 'maximum'],
    ['an unknown plan status', (b, R) => (R.plans[0].status = 'approved'), '/records/plans/0/status', 'enum'],
    ['items not a list', (b, R) => (R.plans[0].items = {}), '/records/plans/0/items', 'type'],
    ['a plan item not an object', (b, R) => (R.plans[0].items[0] = 'i-1'), '/records/plans/0/items/0', 'type'],
    ['a plan item without id', (b, R) => delete R.plans[0].items[0].id, '/records/plans/0/items/0', 'required'],
    ['a plan item due as a month', (b, R) => (R.plans[0].items[0].due = '2023-12'), null],
    ['a plan item due in month 13', (b, R) => (R.plans[0].items[0].due = '2023-13'), '/records/plans/0/items/0/due', 'pattern'],
    ['a plan item due as a day-less text', (b, R) => (R.plans[0].items[0].due = '12/2023'), '/records/plans/0/items/0/due', 'pattern'],
    ['a plan item with an unknown field', (b, R) => (R.plans[0].items[0].note = { a: 1 }), null],
    ['a negative target', (b, R) => (R.plans[0].items[0].target_vnd = -1), '/records/plans/0/items/0/target_vnd', 'minimum'],
    ['an unknown model kind', (b, R) => (R.models[0].kind = 'fish'), '/records/models/0/kind', 'enum'],
    ['a model without status', (b, R) => delete R.models[0].status, '/records/models/0', 'required'],
    ['a report period 2023-H3', (b, R) => (R.reports[0].period = '2023-H3'), '/records/reports/0/period', 'pattern'],
    ['a report period 2023-H2', (b, R) => (R.reports[0].period = '2023-H2'), null],
    ['a report period of a phase', (b, R) => (R.reports[0].period = '2021-2025'), null],
    ['a report period 1989', (b, R) => (R.reports[0].period = '1989'), '/records/reports/0/period', 'pattern'],
    ['an unknown report status', (b, R) => (R.reports[0].status = 'sent'), '/records/reports/0/status', 'enum'],
    ['a bad submitted_at', (b, R) => (R.reports[0].submitted_at = '12/12/2023'), '/records/reports/0/submitted_at', 'pattern'],
    ['an unknown list (misspelt)', (b, R) => (R.activites = []), '/records', 'additionalProperties'],
    ['a tombstone of an unknown kind', (b, R) => (b.tombstones[0].kind = 'activities'), '/tombstones/0/kind', 'enum'],
    ['a tombstone with rev 0', (b, R) => (b.tombstones[0].rev = 0), '/tombstones/0/rev', 'minimum'],
    ['a tombstone without updated_at', (b, R) => delete b.tombstones[0].updated_at, '/tombstones/0', 'required'],
    ['a source that is text', (b, R) => (b.source = 'KBNN'), '/source', 'type'],
    ['a bad exported_at', (b, R) => (b.exported_at = 'hôm nay'), '/exported_at', 'pattern'],
    ['a schema of 0 (older than the first version)', (b, R) => (b.schema = 0), '/schema', 'const'],
  ];
  for (const [what, change, path, keyword] of cases) {
    test(`${what}: ${keyword ? `refused (${keyword} at ${path})` : 'accepted'}`, () => {
      const b = clone(base);
      change(b, b.records);
      if (keyword) assertError(b, path, keyword, what);
      else assertValid(b, what);
    });
  }
});

describe('patterns agree with the app (domain/dates.rs, validate.rs)', () => {
  // Ports of the Rust rules, byte for byte.
  const digits = (b) => (b.every((c) => c >= 0x30 && c <= 0x39) ? b.reduce((a, c) => a * 10 + c - 0x30, 0) : null);
  const daysIn = (y, m) => ([4, 6, 9, 11].includes(m) ? 30 : m === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : 31);
  const isDateBytes = (b) => {
    if (b.length !== 10 || b[4] !== 0x2d || b[7] !== 0x2d) return false;
    const [y, m, d] = [digits([...b.subarray(0, 4)]), digits([...b.subarray(5, 7)]), digits([...b.subarray(8, 10)])];
    return y !== null && m !== null && d !== null && y >= 1900 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m);
  };
  const isDate = (s) => isDateBytes(Buffer.from(s));
  const isTimestamp = (s) => {
    const b = Buffer.from(s);
    if (b.length < 20 || !(b[10] === 0x54 || b[10] === 0x74) || !isDateBytes(b.subarray(0, 10))) return false;
    const t = [...b.subarray(11)];
    if (t.length < 9 || t[2] !== 0x3a || t[5] !== 0x3a) return false;
    const [h, m, sec] = [digits(t.slice(0, 2)), digits(t.slice(3, 5)), digits(t.slice(6, 8))];
    if (h === null || m === null || sec === null || h > 23 || m > 59 || sec > 60) return false;
    let rest = t.slice(8);
    if (rest[0] === 0x2e) {
      let n = 1;
      while (n < rest.length && rest[n] >= 0x30 && rest[n] <= 0x39) n++;
      if (n === 1) return false;
      rest = rest.slice(n);
    }
    if (rest.length === 1) return rest[0] === 0x5a || rest[0] === 0x7a;
    if (rest.length === 6 && (rest[0] === 0x2b || rest[0] === 0x2d) && rest[3] === 0x3a) {
      const [oh, om] = [digits(rest.slice(1, 3)), digits(rest.slice(4, 6))];
      return oh !== null && om !== null && oh <= 23 && om <= 59;
    }
    return false;
  };
  const year = (s) => Buffer.byteLength(s) === 4 && /^[+-]?[0-9]+$/.test(s) && Number(s) >= 1990 && Number(s) <= 2100;
  const validPeriod = (p) => {
    const i = p.indexOf('-');
    if (i < 0) return year(p);
    const [a, b] = [p.slice(0, i), p.slice(i + 1)];
    if (b === 'H1' || b === 'H2') return year(a);
    return year(a) && year(b) && a <= b;
  };
  const re = (def) => new RegExp(schema.$defs[def].pattern, 'u');

  test('dates: every day of the month edges, over leap and common years and centuries', () => {
    const date = re('date');
    const years = ['1899', '1900', '1904', '1996', '1999', '2000', '2023', '2024', '2100', '2400', '9999', '0000', '19a0'];
    const months = ['00', '01', '02', '04', '06', '09', '11', '12', '13', '1', 'ab'];
    const days = ['00', '01', '09', '10', '19', '20', '28', '29', '30', '31', '32', '1', '3a'];
    let n = 0;
    for (const y of years) for (const m of months) for (const d of days) {
      const s = `${y}-${m}-${d}`;
      assert.equal(date.test(s), isDate(s), s);
      n++;
    }
    for (const s of ['2023-12-13T00:00:00Z', '13/12/2023', '１２３４-12-13', ' 2023-12-13', '2023-12-13 ', '20231213', '']) {
      assert.equal(date.test(s), isDate(s), JSON.stringify(s));
    }
    assert.ok(n > 1000);
  });

  test('timestamps: the cases of dates.rs and combinations of every part', () => {
    const ts = re('timestamp');
    const cases = [
      '2026-11-27T08:30:00Z', '2026-11-27T08:30:00.123Z', '2026-11-27T15:30:00+07:00', '2026-11-27T08:30:00',
      '2026-11-27 08:30:00Z', '2026-11-27T24:30:00Z', '2026-11-27T08:30:00.Z', '2026-11-27T08:30:00+7:00',
      '2026-02-30T08:30:00Z', 'yesterday', '2026-11-27Té8:30:00Z', 'hôm qua',
    ];
    for (const date of ['2024-02-29', '2023-02-29']) {
      for (const sep of ['T', 't', ' ']) {
        for (const time of ['00:00:00', '23:59:60', '24:00:00', '12:60:00', '12:00:61', '7:00:00', '12:00']) {
          for (const frac of ['', '.', '.5', '.123456789', '.x']) {
            for (const zone of ['Z', 'z', '', '+07:00', '-23:59', '+24:00', '+07:60', '+0700', 'Z ', '+07:00:00']) {
              cases.push(`${date}${sep}${time}${frac}${zone}`);
            }
          }
        }
      }
    }
    for (const s of cases) assert.equal(ts.test(s), isTimestamp(s), s);
  });

  test('report periods: the pattern accepts what the app accepts, and more only when the first year is the later', () => {
    const period = new RegExp(schema.$defs.report.properties.period.pattern, 'u');
    const years = ['1989', '1990', '2021', '2023', '2025', '2100', '2101', '+999', '0999', 'abcd', '202', '20233'];
    const tails = ['', '-H1', '-H2', '-H3', '-h1', '-', '-2025', '-2021', '-2023-H1', 'H1'];
    for (const y of years) for (const tail of tails) {
      const s = `${y}${tail}`;
      const app = validPeriod(s);
      if (app) assert.ok(period.test(s), s);
      else if (period.test(s)) {
        const [a, b] = s.split('-');
        assert.ok(a > b, `${s} is refused by the app but matches the pattern`);
      }
    }
  });
});

describe('the schema matches the Rust sources', () => {
  // The pure modules move from src/ to core/src/; look in both.
  const source = (rel) => {
    for (const dir of ['core/src', 'src']) {
      const p = at(`${dir}/${rel}`);
      if (existsSync(p)) return read(p);
    }
    assert.fail(`${rel} is neither in core/src nor in src: update tests/e2e/schema.test.mjs`);
  };
  const catalog = source('domain/catalog.rs');
  const codes = (name) => {
    const m = catalog.match(new RegExp(`pub const ${name}: &\\[Code\\] = &\\[([\\s\\S]*?)\\n\\];`));
    assert.ok(m, `${name} not found in catalog.rs`);
    return [...m[1].matchAll(/c\(\s*"([^"]*)"/g)].map((x) => x[1]);
  };
  const d = schema.$defs;
  const strip = (list) => list.filter((v) => v !== '' && v !== null);
  const doc = read(at('docs/bundle-format.md'));

  const lists = {
    CATEGORIES: [d.activity.properties.category.enum, d.plan_item.properties.category.enum],
    MEASURES: [strip(d.activity.properties.measure.enum), strip(d.plan_item.properties.measure.enum)],
    FUNDING: [strip(d.activity.properties.funding.enum)],
    MODEL_KINDS: [d.model.properties.kind.enum],
    MODEL_STATUSES: [d.model.properties.status.enum],
    LOCATION_LEVELS: [d.location.properties.level.enum],
    UNIT_LEVELS: [d.unit.properties.level.enum],
    ROLES: [d.assignment.properties.role.enum],
    PLAN_STATUSES: [d.plan.properties.status.enum],
    REPORT_STATUSES: [d.report.properties.status.enum],
  };
  for (const [name, enums] of Object.entries(lists)) {
    test(`${name}: the same codes in catalog.rs, the schema and the document`, () => {
      const rust = codes(name);
      assert.ok(rust.length > 0);
      for (const e of enums) assert.deepEqual(e, rust);
      for (const c of rust) assert.ok(doc.includes(`| \`${c}\` |`), `${c} is not in a table of docs/bundle-format.md`);
    });
  }

  test('blocs and location labels, free text in the schema, are listed in the document', () => {
    for (const c of codes('BLOCS')) assert.ok(doc.includes(`| \`${c}\` |`), c);
    for (const c of codes('LOCATION_LABELS')) assert.ok(doc.includes(`\`${c}\``), c);
  });

  test('every field of the schema has its row in the document', () => {
    for (const def of ['location', 'unit', 'assignment', 'plan', 'plan_item', 'activity', 'model', 'report', 'tombstone']) {
      for (const field of Object.keys(d[def].properties)) {
        if (['rev', 'updated_at'].includes(field) && def !== 'tombstone') continue;
        const row = field === 'id' && !['plan_item', 'tombstone'].includes(def) ? '| `id`, `rev`, `updated_at` |' : `| \`${field}\` |`;
        assert.ok(doc.includes(row), `${def}.${field} has no row in docs/bundle-format.md`);
      }
    }
    for (const field of Object.keys(schema.properties)) assert.ok(doc.includes(`| \`${field}\` |`), field);
  });

  test('record kinds of tombstones are the Kind codes', () => {
    const kind = source('domain/kind.rs');
    const body = kind.slice(kind.indexOf('pub fn code'), kind.indexOf('pub fn list'));
    assert.deepEqual(d.tombstone.properties.kind.enum, [...body.matchAll(/=> "(\w+)"/g)].map((x) => x[1]));
  });

  test('FORMAT, SCHEMA and the length limits', () => {
    const mod = source('bundle/mod.rs');
    assert.equal(schema.properties.format.const, mod.match(/pub const FORMAT: &str = "([^"]+)";/)[1]);
    assert.equal(schema.properties.schema.const, Number(mod.match(/pub const SCHEMA: u32 = (\d+);/)[1]));
    const migrate = source('bundle/migrate.rs');
    assert.match(
      migrate,
      /pub const MIGRATIONS: &\[Migration\] = &\[\];/,
      'a migration exists now: the schema may have to accept older versions (see "Versions and migrations" in the document)',
    );
    const validate = source('domain/validate.rs');
    const limit = (name) => Number(validate.match(new RegExp(`pub const ${name}: usize = ([\\d_]+);`))[1].replaceAll('_', ''));
    assert.equal(d.id.maxLength, limit('MAX_ID'));
    assert.equal(d.ref.maxLength, limit('MAX_ID'));
    assert.equal(d.location.properties.code.maxLength, limit('MAX_ID'));
    assert.equal(d.assignment.properties.phase.maxLength, limit('MAX_ID'));
    assert.equal(d.location.properties.name.maxLength, limit('MAX_NAME'));
    assert.equal(d.activity.properties.title.maxLength, limit('MAX_NAME'));
    assert.equal(d.activity.properties.description.maxLength, limit('MAX_TEXT'));
    assert.equal(d.report.properties.assessment.maxLength, limit('MAX_TEXT'));
  });

  test('required fields are the `req` fields of record.rs (activity title: required by validation)', () => {
    const record = source('domain/record.rs');
    const structs = {
      Location: 'location', Unit: 'unit', Assignment: 'assignment', PlanItem: 'plan_item',
      Plan: 'plan', Activity: 'activity', Model: 'model', Report: 'report',
    };
    for (const [name, def] of Object.entries(structs)) {
      const m = record.match(new RegExp(`pub struct ${name} \\{([\\s\\S]*?)\\n    \\}`));
      assert.ok(m, `struct ${name} not found in record.rs`);
      const fields = [...m[1].matchAll(/^\s*(\w+): [^=]+= (req|opt),/gm)];
      const req = fields.filter((f) => f[2] === 'req').map((f) => f[1]);
      const extra = def === 'activity' ? ['title'] : [];
      assert.deepEqual([...d[def].required].sort(), [...req, ...extra].sort(), name);
      assert.deepEqual(Object.keys(d[def].properties).sort(), fields.map((f) => f[1]).sort(), `${name}: fields`);
    }
  });
});

describe('the examples of docs/bundle-format.md', () => {
  const doc = read(at('docs/bundle-format.md'));
  const block = (marker, lang) => {
    const i = doc.indexOf(`<!-- checked: ${marker}`);
    assert.ok(i >= 0, `marker ${marker} not found`);
    const start = doc.indexOf('```' + lang + '\n', i) + lang.length + 4;
    return doc.slice(start, doc.indexOf('\n```', start) + 1);
  };

  test('the complete example validates', () => assertValid(block('example-bundle', 'json'), 'the example bundle'));

  test('links inside the document lead to its headings', () => {
    // GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens.
    const slug = (h) => h.trim().toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
    let fenced = false;
    const anchors = [];
    for (const line of doc.split('\n')) {
      if (line.startsWith('```')) fenced = !fenced;
      else if (!fenced && /^#{1,6} /.test(line)) anchors.push(slug(line.replace(/^#+ /, '')));
    }
    for (const [, anchor] of doc.matchAll(/\]\(#([^)]+)\)/g)) assert.ok(anchors.includes(anchor), `#${anchor}`);
    for (const [, target] of doc.matchAll(/\]\((?!#)([^)]+)\)/g)) {
      assert.ok(!/^[a-z]+:/.test(target), `${target}: no links outside the repository`);
      assert.ok(existsSync(join(root, 'docs', target)), target);
    }
  });

  const python = spawnSync('python3', ['--version']);
  test('the Python example writes a bundle the schema accepts', { skip: python.error ? 'python3 is not installed' : false }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'donghanh-schema-'));
    try {
      writeFileSync(join(dir, 'make_bundle.py'), block('python-example', 'python'));
      const run = spawnSync('python3', ['make_bundle.py'], { cwd: dir, encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      const text = read(join(dir, 'donghanh-kbnn-script.json'));
      assert.match(text, /"Pà Cò"/, 'ensure_ascii=False keeps Vietnamese letters');
      assertValid(text, 'the Python example');
      const bundle = JSON.parse(text);
      for (const list of Object.values(bundle.records)) {
        for (const r of list) assert.match(r.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      }
      // Its digest is the documented one: SHA-256 of [records,tombstones] without white space.
      assert.equal(bundle.digest, canonicalDigest(text));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
