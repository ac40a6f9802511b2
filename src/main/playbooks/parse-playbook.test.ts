import { describe, expect, it } from 'vitest';
import { formatPlaybookError, parsePlaybook } from './parse-playbook';

const VALID = [
  'version: 1',
  'id: demo',
  'title: Demo',
  'applies-to: every-incident',
  'phases:',
  '  - phase: containment',
  '    items:',
  '      - id: step',
  '        title: Step',
  '',
].join('\n');

function errorsOf(source: string) {
  const outcome = parsePlaybook(source, 'demo.yaml');
  if (outcome.ok) throw new Error('expected the playbook to be refused');
  return outcome.errors;
}

describe('parsePlaybook', () => {
  it('accepts a valid playbook and can locate its fields', () => {
    const outcome = parsePlaybook(VALID, 'demo.yaml');

    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.parsed.definition.id).toBe('demo');
    expect(outcome.parsed.lineOf(['phases', 0, 'items', 0, 'title'])).toBe(9);
  });

  it('says a missing top-level field is required', () => {
    const errors = errorsOf(VALID.replace('version: 1\n', ''));

    expect(errors).toEqual([
      { file: 'demo.yaml', line: 1, field: 'version', message: 'is required' },
    ]);
  });

  it('refuses YAML 1.1 booleans rather than reading them as text', () => {
    const errors = errorsOf(
      VALID.replace('title: Step', 'title: Step\n        required: yes'),
    );

    expect(errors[0]).toMatchObject({
      line: 10,
      field: 'phases[0].items[0].required',
      message: 'must be true or false, not text',
    });
  });

  it('refuses a second YAML document in the file', () => {
    const errors = errorsOf(`${VALID}---\nid: other\n`);

    expect(errors[0].line).toBe(10);
    expect(errors[0].message).toContain('multiple documents');
  });

  it('points an unterminated quote at the last line, not past it', () => {
    const errors = errorsOf('version: 1\nid: demo\ntitle: "Demo\n\n');

    expect(errors[0]).toMatchObject({ line: 3, field: 'title' });
  });

  it('names a misparsed key by the field that holds it', () => {
    const errors = errorsOf('version: 1\ntitle: Demo\n  extra: value\n');

    expect(errors.map(({ field }) => field)).toContain('title');
    expect(errors.every(({ line }) => line === 2)).toBe(true);
  });

  it('reports every schema problem of a file at once', () => {
    const errors = errorsOf(
      VALID.replace('id: demo', 'id: Demo').replace('id: step', 'id: Step'),
    );

    expect(errors.map(({ field }) => field)).toEqual([
      'id',
      'phases[0].items[0].id',
    ]);
  });
});

describe('formatPlaybookError', () => {
  it('writes file, line, field and message', () => {
    expect(
      formatPlaybookError({
        file: '/p/a.yaml',
        line: 4,
        field: 'phases[0].phase',
        message: 'is required',
      }),
    ).toBe('/p/a.yaml:4: phases[0].phase: is required');
  });

  it('leaves out what a file-level problem does not have', () => {
    expect(
      formatPlaybookError({
        file: '/p/a.yaml',
        line: null,
        field: null,
        message: 'is a symbolic link',
      }),
    ).toBe('/p/a.yaml: is a symbolic link');
  });
});
