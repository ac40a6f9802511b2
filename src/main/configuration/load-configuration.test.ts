import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RulesView } from '../../shared/ipc-contract';
import type { PlaybookCatalogue } from '../../shared/ipc-contract';
import {
  invokeOk,
  makeTempDir,
  openTestWarRoom,
} from '../test-support/temp-war-room';
import {
  findResourcesDir,
  loadPlaybookLibrary,
  loadRules,
} from './load-configuration';

let dataDir: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  dataDir = makeTempDir();
});
afterEach(() => dataDir.remove());

describe('response rules', () => {
  it('uses the shipped rules when the organisation has none', () => {
    const view = loadRules(findResourcesDir(), dataDir.path);

    expect(view.problems).toEqual([]);
    expect(
      view.rules.severities.map((rule) => [
        rule.level,
        rule.responseTargetMinutes,
      ]),
    ).toEqual([
      ['critical', 15],
      ['high', 60],
      ['medium', 240],
      ['low', 1440],
    ]);
  });

  it('merges a valid override over the defaults', () => {
    writeFileSync(
      join(dataDir.path, 'response-rules.yaml'),
      'version: 1\nseverities:\n  high:\n    responseTargetMinutes: 30\n',
    );

    const view = loadRules(findResourcesDir(), dataDir.path);

    expect(view.problems).toEqual([]);
    expect(view.sources).toHaveLength(2);
    expect(
      view.rules.severities.find((rule) => rule.level === 'high')
        ?.responseTargetMinutes,
    ).toBe(30);
  });

  it('reports a bad override by file and field and keeps the defaults', () => {
    const file = join(dataDir.path, 'response-rules.yaml');
    writeFileSync(
      file,
      'version: 1\nseverities:\n  high:\n    responseTargetMinutes: 7.5\n',
    );

    const view = loadRules(findResourcesDir(), dataDir.path);

    expect(view.problems).toEqual([
      expect.objectContaining({
        file,
        field: expect.stringContaining('responseTargetMinutes'),
      }),
    ]);
    expect(
      view.rules.severities.find((rule) => rule.level === 'high')
        ?.responseTargetMinutes,
    ).toBe(60);
  });

  it('reports an override that is not YAML at all', () => {
    writeFileSync(join(dataDir.path, 'response-rules.yaml'), 'severities: [\n');

    const view = loadRules(findResourcesDir(), dataDir.path);

    expect(view.problems).toHaveLength(1);
    expect(view.problems[0].message).not.toBe('');
  });
});

describe('the playbook library', () => {
  it('starts with the valid playbooks and lists a broken file', async () => {
    mkdirSync(join(dataDir.path, 'playbooks'));
    writeFileSync(
      join(dataDir.path, 'playbooks', 'broken.yaml'),
      'version: 1\nid: broken\ntitle: [unclosed\n',
    );
    const library = loadPlaybookLibrary(findResourcesDir(), dataDir.path);
    const { warRoom } = openTestWarRoom(dataDir.path, { withPlaybooks: true });

    const catalogue = await invokeOk<PlaybookCatalogue>(
      warRoom,
      'playbooks:list',
      {},
    );
    const rules = await invokeOk<RulesView>(warRoom, 'rules:get', {});

    expect(library.catalogue.playbooks).toHaveLength(5);
    expect(catalogue.playbooks.map((playbook) => playbook.id)).toContain(
      'data-breach',
    );
    expect(catalogue.problems).toEqual([
      expect.objectContaining({
        file: expect.stringContaining('broken.yaml'),
        line: expect.any(Number),
      }),
    ]);
    expect(rules.rules.phases.map((phase) => phase.id)).toEqual([
      'detection-and-analysis',
      'containment',
      'investigation',
      'recovery',
      'post-incident',
    ]);
    warRoom.close();
  });
});
