import type { PhaseId } from '../../shared/incident-lifecycle';
import type { IncidentCategory } from '../../shared/incident-taxonomy';
import type { Playbook } from './load-playbooks';
import {
  EVERY_INCIDENT,
  type PlaybookDefinition,
  type PlaybookItem,
} from './playbook-schema';

/** What an incident is known to be; either may still be unknown. */
export type IncidentClassification = {
  category?: IncidentCategory | null;
  subtype?: string | null;
};

/**
 * A playbook aimed at particular subtypes applies only once the subtype is
 * known; one aimed at a whole category applies as soon as the category is.
 */
export function playbookApplies(
  playbook: Pick<PlaybookDefinition, 'appliesTo'>,
  { category, subtype }: IncidentClassification,
): boolean {
  if (playbook.appliesTo === EVERY_INCIDENT) return true;

  return playbook.appliesTo.some(
    (target) =>
      target.category === category &&
      (target.subtypes === null ||
        (!!subtype && target.subtypes.includes(subtype))),
  );
}

function rank(playbook: Playbook): number {
  const general = playbook.appliesTo === EVERY_INCIDENT ? 0 : 2;
  return general + (playbook.origin === 'shipped' ? 0 : 1);
}

function byRankThenId(a: Playbook, b: Playbook): number {
  const difference = rank(a) - rank(b);
  if (difference !== 0) return difference;
  if (a.id === b.id) return 0;
  return a.id < b.id ? -1 : 1;
}

/**
 * The playbooks an incident gets: the checklists for every incident first,
 * then those for its category and subtype; shipped before organisation,
 * then by id, so the checklist reads the same on every device.
 */
export function playbooksFor(
  playbooks: readonly Playbook[],
  incident: IncidentClassification,
): Playbook[] {
  return playbooks
    .filter((playbook) => playbookApplies(playbook, incident))
    .sort(byRankThenId);
}

/**
 * One checklist item as the journal stores it. `pathId` is
 * `playbookId/itemId/childId…`, stable while the file keeps its ids.
 */
export type ChecklistEntry = {
  pathId: string;
  parentPathId: string | null;
  playbookId: string;
  itemId: string;
  phase: PhaseId;
  depth: number;
  title: string;
  notes: string | null;
  required: boolean;
};

type Level = {
  playbookId: string;
  phase: PhaseId;
  parentPathId: string | null;
  depth: number;
};

function flattenItems(
  items: readonly PlaybookItem[],
  level: Level,
): ChecklistEntry[] {
  return items.flatMap((item) => {
    const pathId = `${level.parentPathId ?? level.playbookId}/${item.id}`;
    const entry: ChecklistEntry = {
      pathId,
      parentPathId: level.parentPathId,
      playbookId: level.playbookId,
      itemId: item.id,
      phase: level.phase,
      depth: level.depth,
      title: item.title,
      notes: item.notes,
      required: item.required,
    };
    const children = flattenItems(item.items, {
      ...level,
      parentPathId: pathId,
      depth: level.depth + 1,
    });
    return [entry, ...children];
  });
}

/**
 * Every item of a playbook, depth first, phases in response order, each
 * parent before its children.
 */
export function flattenChecklist(
  playbook: Pick<PlaybookDefinition, 'id' | 'phases'>,
): ChecklistEntry[] {
  return playbook.phases.flatMap(({ phase, items }) =>
    flattenItems(items, {
      playbookId: playbook.id,
      phase,
      parentPathId: null,
      depth: 0,
    }),
  );
}
