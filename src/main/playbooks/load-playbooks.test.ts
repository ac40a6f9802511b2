import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../test-support/temp-war-room';
import {
  loadPlaybooks,
  MAX_PLAYBOOK_FILE_BYTES,
  type PlaybookDirectory,
  type PlaybookLoadResult,
} from './load-playbooks';

const removals: (() => void)[] = [];

afterEach(() => {
  removals.splice(0).forEach((remove) => remove());
});

function tempDir(): string {
  const dir = makeTempDir('war-room-playbooks-');
  removals.push(dir.remove);
  return dir.path;
}

type Header = { id?: string; appliesTo?: string; replaces?: string };

/** A small valid playbook; `items` replaces the containment items. */
function playbookYaml(header: Header = {}, items?: string): string {
  return [
    'version: 1',
    `id: ${header.id ?? 'valid'}`,
    'title: A valid playbook',
    `applies-to: ${header.appliesTo ?? 'every-incident'}`,
    ...(header.replaces ? [`replaces: ${header.replaces}`] : []),
    'phases:',
    '  - phase: containment',
    '    items:',
    items ??
      [
        '      - id: first-step',
        '        title: First step',
        '        required: true',
      ].join('\n'),
    '',
  ].join('\n');
}

/** The 1-based line of the first line of `text` containing `marker`. */
function lineWith(text: string, marker: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(marker));
  if (index < 0) throw new Error(`no line contains ${marker}`);
  return index + 1;
}

/** A directory holding one valid playbook beside whatever the test adds. */
function dirWithValid(files: Record<string, string>): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'valid.yaml'), playbookYaml());
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

function load(dir: string, origin: PlaybookDirectory['origin'] = 'shipped') {
  return loadPlaybooks([{ path: dir, origin }]);
}

function ids(result: PlaybookLoadResult): string[] {
  return result.playbooks.map((playbook) => playbook.id);
}

/** Loads `bad.yaml` beside a valid file; expects exactly one error. */
function loadBad(text: string) {
  const dir = dirWithValid({ 'bad.yaml': text });
  const result = load(dir);

  expect(ids(result)).toEqual(['valid']);
  expect(result.errors).toHaveLength(1);
  return { error: result.errors[0], file: join(dir, 'bad.yaml') };
}

describe('loadPlaybooks with malformed files', () => {
  it('reports a YAML syntax error with its line and the enclosing field', () => {
    const text = playbookYaml(
      {},
      '      - id: first-step\n        title: [First step\n',
    );
    const { error, file } = loadBad(text);

    expect(error).toMatchObject({
      file,
      line: lineWith(text, '[First step'),
      field: 'phases[0].items[0].title[0]',
    });
    expect(error.message).toMatch(/^YAML: Flow sequence/);
  });

  it('refuses a duplicate key instead of keeping the last one', () => {
    const text = playbookYaml().replace(
      'title: A valid playbook',
      'title: A valid playbook\ntitle: Another title',
    );
    const { error, file } = loadBad(text);

    expect(error).toEqual({
      file,
      line: lineWith(text, 'Another title'),
      field: 'title',
      message: 'YAML: Map keys must be unique',
    });
  });

  it('refuses an unknown key and names the keys allowed there', () => {
    const text = playbookYaml(
      {},
      '      - id: first-step\n        title: First\n        colour: red\n',
    );
    const { error, file } = loadBad(text);

    expect(error).toEqual({
      file,
      line: lineWith(text, 'colour: red'),
      field: 'phases[0].items[0].colour',
      message:
        'unknown key "colour"; allowed here: id, title, notes, required, items',
    });
  });

  it('catches a misspelt key that would otherwise drop a requirement', () => {
    const text = playbookYaml(
      {},
      '      - id: first-step\n        title: First\n        require: true\n',
    );
    const { error } = loadBad(text);

    expect(error.field).toBe('phases[0].items[0].require');
  });

  it('points a missing title at the item that lacks it', () => {
    const items = [
      '      - id: first-step',
      '        title: First step',
      '      - id: second-step',
      '        notes: has no title',
    ].join('\n');
    const text = playbookYaml({}, items);
    const { error, file } = loadBad(text);

    expect(error).toEqual({
      file,
      line: lineWith(text, 'id: second-step'),
      field: 'phases[0].items[1].title',
      message: 'is required',
    });
  });

  it('refuses an empty title on the line of its key', () => {
    const text = playbookYaml({}, '      - id: first-step\n        title:\n');
    const { error } = loadBad(text);

    expect(error).toMatchObject({
      line: text.split('\n').indexOf('        title:') + 1,
      field: 'phases[0].items[0].title',
      message: 'must be text, not empty',
    });
  });

  it('refuses a phase outside the response phases', () => {
    const text = playbookYaml().replace('phase: containment', 'phase: triage');
    const { error, file } = loadBad(text);

    expect(error).toMatchObject({
      file,
      line: lineWith(text, 'phase: triage'),
      field: 'phases[0].phase',
    });
    expect(error.message).toContain('"detection-and-analysis"');
    expect(error.message).toContain('"post-incident"');
  });

  it('refuses a phase listed twice', () => {
    const text = `${playbookYaml()}  - phase: containment\n    items:\n      - id: other\n        title: Other\n`;
    const { error } = loadBad(text);

    expect(error).toMatchObject({
      line: text.split('\n').lastIndexOf('  - phase: containment') + 1,
      field: 'phases[1].phase',
    });
  });

  it('refuses two sibling items with one id', () => {
    const items = [
      '      - id: first-step',
      '        title: First step',
      '      - id: first-step',
      '        title: Same id again',
    ].join('\n');
    const text = playbookYaml({}, items);
    const { error } = loadBad(text);

    expect(error).toMatchObject({
      line: lineWith(text, 'Same id again') - 1,
      field: 'phases[0].items[1].id',
    });
    expect(error.message).toContain('already used at phases[0].items[0]');
  });

  it('refuses a nested item reusing an id from elsewhere in the file', () => {
    const text = `${playbookYaml()}  - phase: recovery\n    items:\n      - id: recover\n        title: Recover\n        items:\n          - id: first-step\n            title: Nested reuse\n`;
    const { error } = loadBad(text);

    expect(error).toMatchObject({
      line: lineWith(text, 'Nested reuse') - 1,
      field: 'phases[1].items[0].items[0].id',
    });
    expect(error.message).toContain('"first-step"');
  });

  it('refuses a category the taxonomy does not have', () => {
    const text = playbookYaml({
      appliesTo: '\n  - category: physical-security',
    });
    const { error } = loadBad(text);

    expect(error).toMatchObject({
      line: lineWith(text, 'physical-security'),
      field: 'applies-to[0].category',
    });
    expect(error.message).toContain('"network-security"');
  });

  it('refuses a subtype of another category', () => {
    const text = playbookYaml({
      appliesTo: '\n  - category: data-security\n    subtypes: [ddos-attacks]',
    });
    const { error } = loadBad(text);

    expect(error).toMatchObject({
      line: lineWith(text, 'ddos-attacks'),
      field: 'applies-to[0].subtypes[0]',
    });
    expect(error.message).toContain('not a subtype of data-security');
  });

  it('refuses applies-to that is neither every-incident nor a list', () => {
    const text = playbookYaml({ appliesTo: 'everything' });
    const { error } = loadBad(text);

    expect(error).toMatchObject({
      line: lineWith(text, 'applies-to'),
      field: 'applies-to',
      message: 'must be "every-incident" or a list of categories',
    });
  });

  it('refuses ids that are not slugs', () => {
    const text = playbookYaml(
      {},
      '      - id: Preserve Evidence\n        title: Preserve evidence\n',
    );
    const { error } = loadBad(text);

    expect(error).toMatchObject({
      line: lineWith(text, 'Preserve Evidence'),
      field: 'phases[0].items[0].id',
    });
    expect(error.message).toMatch(/^must be a slug/);
  });

  it('refuses items nested deeper than three levels', () => {
    const items = [
      '      - id: level-one',
      '        title: One',
      '        items:',
      '          - id: level-two',
      '            title: Two',
      '            items:',
      '              - id: level-three',
      '                title: Three',
      '                items:',
      '                  - id: level-four',
      '                    title: Four',
    ].join('\n');
    const text = playbookYaml({}, items);
    const { error } = loadBad(text);

    expect(error).toMatchObject({
      line: lineWith(text, 'title: Three') + 1,
      field: 'phases[0].items[0].items[0].items[0].items',
      message: 'items may nest at most 3 levels deep',
    });
  });

  it('accepts items nested exactly three levels', () => {
    const items = [
      '      - id: level-one',
      '        title: One',
      '        items:',
      '          - id: level-two',
      '            title: Two',
      '            items:',
      '              - id: level-three',
      '                title: Three',
    ].join('\n');
    const result = load(
      dirWithValid({ 'deep.yaml': playbookYaml({ id: 'deep' }, items) }),
    );

    expect(result.errors).toEqual([]);
    expect(ids(result)).toEqual(['deep', 'valid']);
  });

  it('refuses a format version it does not know', () => {
    const text = playbookYaml().replace('version: 1', 'version: 2');
    const { error } = loadBad(text);

    expect(error).toMatchObject({ line: 1, field: 'version' });
  });

  it('refuses a file with no playbook in it', () => {
    const { error, file } = loadBad('# nothing here yet\n');

    expect(error).toMatchObject({ file, line: null, field: null });
    expect(error.message).toContain('must be a mapping');
  });

  it('refuses a file over the size limit without parsing it', () => {
    const padding = `# ${'x'.repeat(MAX_PLAYBOOK_FILE_BYTES)}\n`;
    const { error, file } = loadBad(playbookYaml() + padding);

    expect(error).toEqual({
      file,
      line: null,
      field: null,
      message: 'is larger than 256 KiB',
    });
  });

  it('refuses a symbolic link, even to a valid playbook', () => {
    const elsewhere = tempDir();
    const target = join(elsewhere, 'target.yaml');
    writeFileSync(target, playbookYaml({ id: 'linked' }));
    const dir = dirWithValid({});
    symlinkSync(target, join(dir, 'linked.yaml'));

    const result = load(dir);

    expect(ids(result)).toEqual(['valid']);
    expect(result.errors).toEqual([
      {
        file: join(dir, 'linked.yaml'),
        line: null,
        field: null,
        message: 'is a symbolic link',
      },
    ]);
  });

  it('refuses a directory named like a playbook', () => {
    const dir = dirWithValid({});
    mkdirSync(join(dir, 'folder.yaml'));

    const result = load(dir);

    expect(ids(result)).toEqual(['valid']);
    expect(result.errors[0]).toMatchObject({
      file: join(dir, 'folder.yaml'),
      message: 'is not a regular file',
    });
  });

  it('refuses bytes that are not UTF-8 text', () => {
    const dir = dirWithValid({});
    writeFileSync(join(dir, 'binary.yaml'), Buffer.from([0x69, 0x64, 0xff]));

    const result = load(dir);

    expect(ids(result)).toEqual(['valid']);
    expect(result.errors[0]).toMatchObject({
      file: join(dir, 'binary.yaml'),
      message: 'is not valid UTF-8 text',
    });
  });

  it('reports every bad file while loading every good one', () => {
    const dir = dirWithValid({
      'a-bad.yaml': 'version: [\n',
      'b-good.yml': playbookYaml({ id: 'also-valid' }),
      'c-bad.yaml': playbookYaml({ id: 'Not A Slug' }),
    });

    const result = load(dir);

    expect(ids(result)).toEqual(['also-valid', 'valid']);
    expect(result.errors.map((error) => error.file)).toEqual([
      join(dir, 'a-bad.yaml'),
      join(dir, 'c-bad.yaml'),
    ]);
  });
});

describe('loadPlaybooks directories', () => {
  it('reads .yaml and .yml files and ignores everything else', () => {
    const dir = dirWithValid({
      'other.yml': playbookYaml({ id: 'other' }),
      'README.md': '# not a playbook: [',
      'draft.yaml.bak': 'not: [valid',
      'notes.json': '{',
    });

    const result = load(dir);

    expect(result.errors).toEqual([]);
    expect(ids(result)).toEqual(['other', 'valid']);
  });

  it('treats a missing organisation directory as having no playbooks', () => {
    const result = loadPlaybooks([
      { path: dirWithValid({}), origin: 'shipped' },
      { path: join(tempDir(), 'playbooks'), origin: 'organisation' },
    ]);

    expect(result.errors).toEqual([]);
    expect(ids(result)).toEqual(['valid']);
  });

  it('reports a missing shipped directory', () => {
    const missing = join(tempDir(), 'playbooks');

    const result = load(missing);

    expect(result.playbooks).toEqual([]);
    expect(result.errors).toEqual([
      {
        file: missing,
        line: null,
        field: null,
        message: 'playbook directory cannot be read: does not exist',
      },
    ]);
  });

  it('records where each playbook came from', () => {
    const shippedDir = dirWithValid({});
    const organisationDir = tempDir();
    writeFileSync(
      join(organisationDir, 'ours.yaml'),
      playbookYaml({ id: 'ours' }),
    );

    const result = loadPlaybooks([
      { path: shippedDir, origin: 'shipped' },
      { path: organisationDir, origin: 'organisation' },
    ]);

    expect(
      result.playbooks.map(({ id, origin, file }) => ({ id, origin, file })),
    ).toEqual([
      { id: 'valid', origin: 'shipped', file: join(shippedDir, 'valid.yaml') },
      {
        id: 'ours',
        origin: 'organisation',
        file: join(organisationDir, 'ours.yaml'),
      },
    ]);
  });

  it('defaults optional fields and orders phases by the response', () => {
    const text = [
      'version: 1',
      'id: out-of-order',
      'title: Out of order',
      'applies-to:',
      '  - category: network-security',
      'phases:',
      '  - phase: recovery',
      '    items:',
      '      - id: later',
      '        title: Later',
      '  - phase: detection-and-analysis',
      '    items:',
      '      - id: sooner',
      '        title: Sooner',
      '',
    ].join('\n');
    const dir = tempDir();
    writeFileSync(join(dir, 'out-of-order.yaml'), text);

    const [playbook] = load(dir).playbooks;

    expect(playbook.phases.map((phase) => phase.phase)).toEqual([
      'detection-and-analysis',
      'recovery',
    ]);
    expect(playbook.appliesTo).toEqual([
      { category: 'network-security', subtypes: null },
    ]);
    expect(playbook.phases[0].items[0]).toEqual({
      id: 'sooner',
      title: 'Sooner',
      notes: null,
      required: false,
      items: [],
    });
    expect(playbook.replaces).toBeNull();
    expect(playbook.description).toBeNull();
  });
});

describe('loadPlaybooks across files', () => {
  function twoDirs(
    shipped: Record<string, string>,
    ours: Record<string, string>,
  ) {
    const shippedDir = tempDir();
    const organisationDir = tempDir();
    for (const [name, text] of Object.entries(shipped)) {
      writeFileSync(join(shippedDir, name), text);
    }
    for (const [name, text] of Object.entries(ours)) {
      writeFileSync(join(organisationDir, name), text);
    }
    // Given organisation first, to show shipped ids are claimed first anyway.
    const result = loadPlaybooks([
      { path: organisationDir, origin: 'organisation' },
      { path: shippedDir, origin: 'shipped' },
    ]);
    return { result, shippedDir, organisationDir };
  }

  it('refuses a second shipped playbook with the same id', () => {
    const text = playbookYaml({ id: 'valid' });
    const { result, shippedDir } = twoDirs(
      { 'a.yaml': text, 'b.yaml': text },
      {},
    );

    expect(result.playbooks.map(({ file }) => file)).toEqual([
      join(shippedDir, 'a.yaml'),
    ]);
    expect(result.errors).toEqual([
      {
        file: join(shippedDir, 'b.yaml'),
        line: lineWith(text, 'id: valid'),
        field: 'id',
        message: `playbook id "valid" is already used by ${join(shippedDir, 'a.yaml')}`,
      },
    ]);
  });

  it('refuses an organisation playbook reusing a shipped id silently', () => {
    const text = playbookYaml({ id: 'valid' });
    const { result, organisationDir } = twoDirs(
      { 'valid.yaml': playbookYaml() },
      { 'copy.yaml': text },
    );

    expect(result.playbooks.map(({ origin }) => origin)).toEqual(['shipped']);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({
      file: join(organisationDir, 'copy.yaml'),
      line: lineWith(text, 'id: valid'),
      field: 'id',
    });
    expect(result.errors[0].message).toContain('add "replaces: valid"');
  });

  it('lets an organisation playbook replace a shipped one it names', () => {
    const { result, organisationDir } = twoDirs(
      {
        'valid.yaml': playbookYaml(),
        'other.yaml': playbookYaml({ id: 'other' }),
      },
      { 'ours.yaml': playbookYaml({ id: 'valid', replaces: 'valid' }) },
    );

    expect(result.errors).toEqual([]);
    expect(result.playbooks.map(({ id, origin }) => [id, origin])).toEqual([
      ['other', 'shipped'],
      ['valid', 'organisation'],
    ]);
    expect(result.playbooks[1].file).toBe(join(organisationDir, 'ours.yaml'));
  });

  it('lets a replacement take a new id', () => {
    const { result } = twoDirs(
      { 'valid.yaml': playbookYaml() },
      { 'ours.yaml': playbookYaml({ id: 'our-way', replaces: 'valid' }) },
    );

    expect(result.errors).toEqual([]);
    expect(ids(result)).toEqual(['our-way']);
  });

  it('refuses to replace a playbook that is not shipped', () => {
    const text = playbookYaml({ id: 'ours', replaces: 'no-such-playbook' });
    const { result, organisationDir } = twoDirs(
      { 'valid.yaml': playbookYaml() },
      { 'ours.yaml': text },
    );

    expect(ids(result)).toEqual(['valid']);
    expect(result.errors).toEqual([
      {
        file: join(organisationDir, 'ours.yaml'),
        line: lineWith(text, 'replaces:'),
        field: 'replaces',
        message: 'there is no shipped playbook "no-such-playbook" to replace',
      },
    ]);
  });

  it('refuses a second replacement of the same shipped playbook', () => {
    const { result, organisationDir } = twoDirs(
      { 'valid.yaml': playbookYaml() },
      {
        'a.yaml': playbookYaml({ id: 'first', replaces: 'valid' }),
        'b.yaml': playbookYaml({ id: 'second', replaces: 'valid' }),
      },
    );

    expect(ids(result)).toEqual(['first']);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({
      file: join(organisationDir, 'b.yaml'),
      field: 'replaces',
    });
  });

  it('refuses a replacement that takes another shipped id', () => {
    const { result } = twoDirs(
      {
        'valid.yaml': playbookYaml(),
        'other.yaml': playbookYaml({ id: 'other' }),
      },
      { 'ours.yaml': playbookYaml({ id: 'other', replaces: 'valid' }) },
    );

    expect(ids(result)).toEqual(['other', 'valid']);
    expect(result.errors[0]).toMatchObject({ field: 'id' });
    expect(result.errors[0].message).toContain('shipped playbook');
  });

  it('refuses two organisation playbooks with one id', () => {
    const { result, organisationDir } = twoDirs(
      {},
      {
        'a.yaml': playbookYaml({ id: 'ours' }),
        'b.yaml': playbookYaml({ id: 'ours' }),
      },
    );

    expect(result.playbooks.map(({ file }) => file)).toEqual([
      join(organisationDir, 'a.yaml'),
    ]);
    expect(result.errors[0]).toMatchObject({
      file: join(organisationDir, 'b.yaml'),
      field: 'id',
    });
  });

  it('refuses replaces in a shipped playbook', () => {
    const { result } = twoDirs(
      {
        'a.yaml': playbookYaml({ id: 'a' }),
        'b.yaml': playbookYaml({ id: 'b', replaces: 'a' }),
      },
      {},
    );

    expect(ids(result)).toEqual(['a']);
    expect(result.errors[0]).toMatchObject({
      field: 'replaces',
      message: 'only organisation playbooks may replace another',
    });
  });
});
