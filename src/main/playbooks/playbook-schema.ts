import { z } from 'zod';
import {
  CATEGORY_IDS,
  INCIDENT_CATEGORIES,
  isSubtypeOf,
  type IncidentCategory,
} from '../../shared/incident-taxonomy';
import { PHASE_IDS, type PhaseId } from '../../shared/incident-lifecycle';

/*
 * The playbook file format, version 1. Files are YAML with kebab-case keys;
 * the loader hands the rest of the app camel-cased, defaulted values.
 * Everything unknown is refused rather than ignored, so a misspelt key
 * (`require: true`) is an error instead of a silently optional item.
 */

/** `applies-to` value of a checklist every incident gets. */
export const EVERY_INCIDENT = 'every-incident';

/**
 * Levels of items: a step, its sub-steps, their details. Deeper nesting
 * stops being a checklist a commander can work through under pressure.
 */
export const MAX_ITEM_DEPTH = 3;

const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_SLUG_LENGTH = 64;

export type PlaybookItem = {
  id: string;
  title: string;
  notes: string | null;
  required: boolean;
  items: PlaybookItem[];
};

export type PlaybookPhaseItems = {
  phase: PhaseId;
  items: PlaybookItem[];
};

/** `subtypes: null` means every subtype of the category. */
export type PlaybookTarget = {
  category: IncidentCategory;
  subtypes: string[] | null;
};

export type PlaybookAppliesTo = typeof EVERY_INCIDENT | PlaybookTarget[];

/** A validated playbook file, phases in response order. */
export type PlaybookDefinition = {
  version: 1;
  id: string;
  title: string;
  description: string | null;
  appliesTo: PlaybookAppliesTo;
  replaces: string | null;
  phases: PlaybookPhaseItems[];
};

const slug = z
  .string()
  .max(MAX_SLUG_LENGTH, {
    error: `must be at most ${MAX_SLUG_LENGTH} characters`,
  })
  .regex(SLUG_PATTERN, {
    error:
      'must be a slug: lower-case letters and digits joined by single ' +
      'hyphens, like "preserve-evidence"',
  });

function text(maxLength: number) {
  return z
    .string()
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(maxLength, { error: `must be at most ${maxLength} characters` });
}

const itemShape = {
  id: slug,
  title: text(300),
  notes: text(2000).optional(),
  required: z.boolean().optional(),
  get items() {
    return z
      .array(itemSchema)
      .min(1, { error: 'must list at least one item, or be left out' })
      .optional();
  },
};

const itemSchema = z.strictObject(itemShape);
type RawItem = z.output<typeof itemSchema>;

const phaseShape = {
  phase: z.enum(PHASE_IDS),
  items: z.array(itemSchema).min(1, { error: 'must list at least one item' }),
};

const targetShape = {
  category: z.enum(CATEGORY_IDS as [IncidentCategory, ...IncidentCategory[]]),
  subtypes: z
    .array(slug)
    .min(1, { error: 'must list at least one subtype, or be left out' })
    .optional(),
};

const targetSchema = z.strictObject(targetShape).superRefine((target, ctx) => {
  const seen = new Set<string>();
  target.subtypes?.forEach((subtype, index) => {
    if (!isSubtypeOf(target.category, subtype)) {
      const known = Object.keys(INCIDENT_CATEGORIES[target.category].subtypes);
      ctx.addIssue({
        code: 'custom',
        path: ['subtypes', index],
        message:
          `"${subtype}" is not a subtype of ${target.category}; ` +
          `known subtypes: ${known.join(', ')}`,
      });
    }
    if (seen.has(subtype)) {
      ctx.addIssue({
        code: 'custom',
        path: ['subtypes', index],
        message: `subtype "${subtype}" is listed twice`,
      });
    }
    seen.add(subtype);
  });
});

const fileShape = {
  version: z.literal(1),
  id: slug,
  title: text(200),
  description: text(2000).optional(),
  'applies-to': z.union(
    [
      z.literal(EVERY_INCIDENT),
      z
        .array(targetSchema)
        .min(1, { error: 'must list at least one category' }),
    ],
    {
      error: `must be "${EVERY_INCIDENT}" or a list of categories`,
    },
  ),
  replaces: slug.optional(),
  phases: z.array(z.strictObject(phaseShape)).min(1, {
    error: 'must list at least one phase',
  }),
};

type RawPlaybook = z.output<z.ZodObject<typeof fileShape>>;
type IssueSink = z.core.$RefinementCtx<RawPlaybook>;
type Path = (string | number)[];

/** The keys each kind of mapping accepts, for "unknown key" messages. */
export const PLAYBOOK_KEYS = {
  playbook: Object.keys(fileShape),
  phase: Object.keys(phaseShape),
  item: Object.keys(itemShape),
  target: Object.keys(targetShape),
} as const;

function checkPhasesListedOnce(playbook: RawPlaybook, ctx: IssueSink) {
  const seen = new Set<string>();
  playbook.phases.forEach(({ phase }, index) => {
    if (seen.has(phase)) {
      ctx.addIssue({
        code: 'custom',
        path: ['phases', index, 'phase'],
        message: `phase "${phase}" is listed twice; list each phase once`,
      });
    }
    seen.add(phase);
  });
}

function checkCategoriesListedOnce(playbook: RawPlaybook, ctx: IssueSink) {
  const targets = playbook['applies-to'];
  if (targets === EVERY_INCIDENT) return;

  const seen = new Set<string>();
  targets.forEach(({ category }, index) => {
    if (seen.has(category)) {
      ctx.addIssue({
        code: 'custom',
        path: ['applies-to', index, 'category'],
        message: `category "${category}" is listed twice`,
      });
    }
    seen.add(category);
  });
}

/** `phases[0].items[2].id`: how errors name a field. */
export function formatFieldPath(path: readonly (string | number)[]): string {
  return path
    .map((segment, index) => {
      if (typeof segment === 'number') return `[${segment}]`;
      return index === 0 ? segment : `.${segment}`;
    })
    .join('');
}

/**
 * Item ids are unique across the whole file, not just among siblings, so
 * an item keeps its identity if it is moved to another phase or parent.
 */
function checkItems(
  items: RawItem[],
  path: Path,
  depth: number,
  firstUse: Map<string, Path>,
  ctx: IssueSink,
): void {
  items.forEach((item, index) => {
    const itemPath = [...path, index];
    const earlier = firstUse.get(item.id);
    if (earlier) {
      ctx.addIssue({
        code: 'custom',
        path: [...itemPath, 'id'],
        message:
          `item id "${item.id}" is already used at ` +
          `${formatFieldPath(earlier)}; item ids must be unique in a playbook`,
      });
    } else {
      firstUse.set(item.id, itemPath);
    }
    if (!item.items) return;

    if (depth + 1 >= MAX_ITEM_DEPTH) {
      ctx.addIssue({
        code: 'custom',
        path: [...itemPath, 'items'],
        message: `items may nest at most ${MAX_ITEM_DEPTH} levels deep`,
      });
      return;
    }
    checkItems(item.items, [...itemPath, 'items'], depth + 1, firstUse, ctx);
  });
}

function checkStructure(playbook: RawPlaybook, ctx: IssueSink): void {
  checkPhasesListedOnce(playbook, ctx);
  checkCategoriesListedOnce(playbook, ctx);
  const firstUse = new Map<string, Path>();
  playbook.phases.forEach((phase, index) =>
    checkItems(phase.items, ['phases', index, 'items'], 0, firstUse, ctx),
  );
}

function toItem(raw: RawItem): PlaybookItem {
  return {
    id: raw.id,
    title: raw.title,
    notes: raw.notes ?? null,
    required: raw.required ?? false,
    items: (raw.items ?? []).map(toItem),
  };
}

function phaseOrder(phase: PhaseId): number {
  return PHASE_IDS.indexOf(phase);
}

function toDefinition(raw: RawPlaybook): PlaybookDefinition {
  const targets = raw['applies-to'];
  return {
    version: raw.version,
    id: raw.id,
    title: raw.title,
    description: raw.description ?? null,
    appliesTo:
      targets === EVERY_INCIDENT
        ? EVERY_INCIDENT
        : targets.map(({ category, subtypes }) => ({
            category,
            subtypes: subtypes ?? null,
          })),
    replaces: raw.replaces ?? null,
    phases: raw.phases
      .map(({ phase, items }) => ({ phase, items: items.map(toItem) }))
      .sort((a, b) => phaseOrder(a.phase) - phaseOrder(b.phase)),
  };
}

/**
 * One playbook file, already parsed from YAML into plain values. The
 * whole-file checks (unique ids, depth) run once the shape is valid, so a
 * file with shape errors reports those first.
 */
export const playbookFileSchema = z
  .strictObject(fileShape)
  .superRefine(checkStructure)
  .transform(toDefinition);
