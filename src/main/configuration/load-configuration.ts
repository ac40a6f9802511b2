import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type {
  ConfigurationProblem,
  PlaybookSummary,
} from '../../shared/incident-command-types';
import type { IncidentCategory } from '../../shared/incident-taxonomy';
import type { PlaybookCatalogue, RulesView } from '../../shared/ipc-contract';
import {
  mergeRuleOverrides,
  parseResponseRules,
  type RuleProblem,
} from '../../shared/response-rules';
import type { AttachablePlaybook } from '../checklists/checklist-store';
import { loadPlaybooks, type Playbook } from '../playbooks/load-playbooks';
import { flattenChecklist, playbooksFor } from '../playbooks/select-playbooks';
import { EVERY_INCIDENT } from '../playbooks/playbook-schema';

export const RULES_FILE = 'response-rules.yaml';
export const PLAYBOOK_DIR = 'playbooks';

/**
 * The folder of shipped data files. Found by walking up from this module,
 * which sits at different depths in the sources, the build output and a
 * packaged app, to the first folder holding `resources/response-rules.yaml`.
 */
export function findResourcesDir(start = import.meta.dirname): string {
  let dir = start;
  for (let level = 0; level < 6; level += 1) {
    const candidate = join(dir, 'resources');
    if (existsSync(join(candidate, RULES_FILE))) return candidate;
    dir = dirname(dir);
  }
  throw new Error(`no resources/${RULES_FILE} above ${start}`);
}

function ruleProblem(problem: RuleProblem): ConfigurationProblem {
  return {
    file: problem.source,
    line: null,
    field: problem.field,
    message: problem.message,
  };
}

function readYaml(file: string): { data: unknown } | { error: string } {
  try {
    return { data: parseYaml(readFileSync(file, 'utf8')) as unknown };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * The shipped rules, with the organisation's override file merged over them
 * when there is one. Shipped rules that fail validation are a broken build
 * and stop the start; a bad override is reported and ignored, so the
 * console still runs on the plan's defaults.
 */
export function loadRules(resourcesDir: string, dataDir: string): RulesView {
  const shippedFile = join(resourcesDir, RULES_FILE);
  const shipped = readYaml(shippedFile);
  const parsed =
    'data' in shipped
      ? parseResponseRules(shipped.data, shippedFile)
      : { ok: false as const, errors: [shipped.error] };
  if (!parsed.ok) {
    throw new Error(
      `the shipped rules are invalid: ${parsed.errors.join('; ')}`,
    );
  }

  const overrideFile = join(dataDir, RULES_FILE);
  if (!existsSync(overrideFile)) {
    return { rules: parsed.rules, sources: [shippedFile], problems: [] };
  }
  const override = readYaml(overrideFile);
  if ('error' in override) {
    const problem = {
      file: overrideFile,
      line: null,
      field: '',
      message: override.error,
    };
    return { rules: parsed.rules, sources: [shippedFile], problems: [problem] };
  }
  const merged = mergeRuleOverrides(parsed.rules, override.data, overrideFile);
  if (!merged.ok) {
    return {
      rules: parsed.rules,
      sources: [shippedFile],
      problems: merged.problems.map(ruleProblem),
    };
  }
  return {
    rules: merged.rules,
    sources: [shippedFile, overrideFile],
    problems: [],
  };
}

export type PlaybookLibrary = {
  catalogue: PlaybookCatalogue;
  /** The playbooks an incident of this classification starts with. */
  forIncident(
    category: IncidentCategory,
    subtype: string | null,
  ): AttachablePlaybook[];
  find(playbookId: string): AttachablePlaybook | null;
};

function attachable(playbook: Playbook): AttachablePlaybook {
  return {
    id: playbook.id,
    title: playbook.title,
    lines: flattenChecklist(playbook).map((entry) => ({
      id: entry.pathId,
      parentId: entry.parentPathId,
      depth: entry.depth,
      phase: entry.phase,
      title: entry.title,
      notes: entry.notes ?? '',
      required: entry.required,
    })),
  };
}

function summary(playbook: Playbook): PlaybookSummary {
  return {
    id: playbook.id,
    title: playbook.title,
    origin: playbook.origin,
    appliesToEveryIncident: playbook.appliesTo === EVERY_INCIDENT,
    itemCount: flattenChecklist(playbook).length,
  };
}

/**
 * Shipped playbooks plus the organisation's own from `DATA_DIR/playbooks`.
 * A malformed file is reported with its file, line and field and left out;
 * the others load.
 */
export function loadPlaybookLibrary(
  resourcesDir: string,
  dataDir: string,
): PlaybookLibrary {
  const { playbooks, errors } = loadPlaybooks([
    { path: join(resourcesDir, PLAYBOOK_DIR), origin: 'shipped' },
    { path: join(dataDir, PLAYBOOK_DIR), origin: 'organisation' },
  ]);
  const catalogue: PlaybookCatalogue = {
    playbooks: playbooks.map(summary),
    problems: errors.map((error) => ({
      file: error.file,
      line: error.line,
      field: error.field ?? '',
      message: error.message,
    })),
  };
  return {
    catalogue,
    forIncident: (category, subtype) =>
      playbooksFor(playbooks, { category, subtype }).map(attachable),
    find(playbookId) {
      const found = playbooks.find((playbook) => playbook.id === playbookId);
      return found ? attachable(found) : null;
    },
  };
}
