import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  INCIDENT_CATEGORIES,
  type IncidentCategory,
} from '../../shared/incident-taxonomy';
import { loadPlaybooks, type Playbook } from './load-playbooks';
import type { PlaybookAppliesTo, PlaybookItem } from './playbook-schema';
import { flattenChecklist, playbooksFor } from './select-playbooks';

const SHIPPED_DIR = resolve(
  import.meta.dirname,
  '../../../resources/playbooks',
);
const shipped = loadPlaybooks([{ path: SHIPPED_DIR, origin: 'shipped' }]);

const GENERAL = 'incident-response-checklist';

function item(id: string, extra: Partial<PlaybookItem> = {}): PlaybookItem {
  return { id, title: id, notes: null, required: false, items: [], ...extra };
}

function playbook(
  id: string,
  appliesTo: PlaybookAppliesTo,
  origin: Playbook['origin'] = 'organisation',
): Playbook {
  return {
    version: 1,
    id,
    title: id,
    description: null,
    appliesTo,
    replaces: null,
    phases: [{ phase: 'containment', items: [item('step')] }],
    origin,
    file: `/playbooks/${id}.yaml`,
  };
}

function selectedIds(
  playbooks: readonly Playbook[],
  category: IncidentCategory | null,
  subtype: string | null = null,
): string[] {
  return playbooksFor(playbooks, { category, subtype }).map(({ id }) => id);
}

function subtypesOf(category: IncidentCategory): string[] {
  return Object.keys(INCIDENT_CATEGORIES[category].subtypes);
}

describe('playbooksFor with the shipped playbooks', () => {
  it('loads them for the tests below', () => {
    expect(shipped.errors).toEqual([]);
  });

  it.each([
    ['compromised-superadmin-accounts', 'compromised-superadmin-account'],
    ['unauthorized-admin-access-attempts', 'compromised-superadmin-account'],
    ['suspicious-login-patterns', 'suspicious-login-activity'],
    ['2fa-bypass-attempts', 'suspicious-login-activity'],
  ])('gives an access-control %s incident the %s playbook', (subtype, id) => {
    expect(
      selectedIds(shipped.playbooks, 'authentication-access-control', subtype),
    ).toEqual([GENERAL, id]);
  });

  it.each(subtypesOf('data-security'))(
    'gives every data-security incident the data breach playbook (%s)',
    (subtype) => {
      expect(selectedIds(shipped.playbooks, 'data-security', subtype)).toEqual([
        GENERAL,
        'data-breach',
      ]);
    },
  );

  it.each(subtypesOf('application-security'))(
    'gives every application-security incident its playbook (%s)',
    (subtype) => {
      expect(
        selectedIds(shipped.playbooks, 'application-security', subtype),
      ).toEqual([GENERAL, 'application-security-incident']);
    },
  );

  it('gives a category-wide playbook before the subtype is known', () => {
    expect(selectedIds(shipped.playbooks, 'data-security')).toEqual([
      GENERAL,
      'data-breach',
    ]);
  });

  it('holds back subtype playbooks until the subtype is known', () => {
    expect(
      selectedIds(shipped.playbooks, 'authentication-access-control'),
    ).toEqual([GENERAL]);
  });

  it.each(['network-security', 'infrastructure-security'] as const)(
    'gives %s incidents only the general checklist',
    (category) => {
      for (const subtype of [null, ...subtypesOf(category)]) {
        expect(selectedIds(shipped.playbooks, category, subtype)).toEqual([
          GENERAL,
        ]);
      }
    },
  );

  it('gives an unclassified incident only the general checklist', () => {
    expect(selectedIds(shipped.playbooks, null)).toEqual([GENERAL]);
    expect(playbooksFor(shipped.playbooks, {}).map(({ id }) => id)).toEqual([
      GENERAL,
    ]);
  });
});

describe('playbooksFor with organisation playbooks', () => {
  const ddos = playbook('ddos-runbook', [
    { category: 'network-security', subtypes: ['ddos-attacks'] },
  ]);
  const network = playbook('network-basics', [
    { category: 'network-security', subtypes: null },
  ]);
  const ourChecklist = playbook('our-checklist', 'every-incident');
  const all = [ddos, ...shipped.playbooks, network, ourChecklist];

  it('adds a network playbook the organisation wrote', () => {
    expect(selectedIds(all, 'network-security', 'ddos-attacks')).toEqual([
      GENERAL,
      'our-checklist',
      'ddos-runbook',
      'network-basics',
    ]);
    expect(
      selectedIds(all, 'network-security', 'ip-allowlist-violations'),
    ).toEqual([GENERAL, 'our-checklist', 'network-basics']);
  });

  it('orders general before specific, shipped before organisation', () => {
    const specificShipped = playbook(
      'z-shipped',
      [{ category: 'network-security', subtypes: null }],
      'shipped',
    );
    const mixed = [
      network,
      ourChecklist,
      specificShipped,
      ...shipped.playbooks,
    ];

    expect(selectedIds(mixed, 'network-security')).toEqual([
      GENERAL,
      'our-checklist',
      'z-shipped',
      'network-basics',
    ]);
  });

  it('gives the same order whatever order the playbooks come in', () => {
    const forward = selectedIds(all, 'network-security', 'ddos-attacks');
    const backward = selectedIds(
      [...all].reverse(),
      'network-security',
      'ddos-attacks',
    );

    expect(backward).toEqual(forward);
  });

  it('matches a playbook listing several categories on any of them', () => {
    const both = playbook('both', [
      { category: 'network-security', subtypes: ['ddos-attacks'] },
      { category: 'infrastructure-security', subtypes: null },
    ]);

    expect(selectedIds([both], 'infrastructure-security')).toEqual(['both']);
    expect(selectedIds([both], 'network-security', 'ddos-attacks')).toEqual([
      'both',
    ]);
    expect(selectedIds([both], 'network-security', 'ddos')).toEqual([]);
  });
});

describe('flattenChecklist', () => {
  const nested: Playbook = {
    ...playbook('nested', 'every-incident'),
    phases: [
      {
        phase: 'detection-and-analysis',
        items: [
          item('parent', {
            items: [
              item('child', {
                required: true,
                items: [item('grandchild', { notes: 'why' })],
              }),
            ],
          }),
          item('sibling'),
        ],
      },
      { phase: 'recovery', items: [item('last')] },
    ],
  };

  it('lists parents before children with path ids and depths', () => {
    expect(
      flattenChecklist(nested).map(({ pathId, parentPathId, depth }) => [
        pathId,
        parentPathId,
        depth,
      ]),
    ).toEqual([
      ['nested/parent', null, 0],
      ['nested/parent/child', 'nested/parent', 1],
      ['nested/parent/child/grandchild', 'nested/parent/child', 2],
      ['nested/sibling', null, 0],
      ['nested/last', null, 0],
    ]);
  });

  it('carries phase, required, title and notes of each item', () => {
    const entries = flattenChecklist(nested);

    expect(entries[2]).toEqual({
      pathId: 'nested/parent/child/grandchild',
      parentPathId: 'nested/parent/child',
      playbookId: 'nested',
      itemId: 'grandchild',
      phase: 'detection-and-analysis',
      depth: 2,
      title: 'grandchild',
      notes: 'why',
      required: false,
    });
    expect(entries[1].required).toBe(true);
    expect(entries[4].phase).toBe('recovery');
  });

  it('flattens the shipped general checklist into 98 entries', () => {
    const general = shipped.playbooks.find(({ id }) => id === GENERAL);
    if (!general) throw new Error('the general checklist is not shipped');
    const entries = flattenChecklist(general);
    const perPhase: Record<string, number> = {};
    for (const { phase } of entries) {
      perPhase[phase] = (perPhase[phase] ?? 0) + 1;
    }

    // Steps, their bullets and the checklist items, phase by phase.
    expect(perPhase).toEqual({
      'detection-and-analysis': 3 + 9 + 10,
      containment: 3 + 9 + 5,
      investigation: 3 + 9 + 5,
      recovery: 3 + 9 + 5,
      'post-incident': 4 + 16 + 5,
    });
    expect(entries.map(({ pathId }) => pathId)).toContain(
      `${GENERAL}/identify-and-log/assign-severity-level-and-category`,
    );
  });
});
