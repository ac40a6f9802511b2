import {
  LineCounter,
  parseDocument,
  type Document,
  type YAMLError,
} from 'yaml';
import type { z } from 'zod';
import {
  formatFieldPath,
  PLAYBOOK_KEYS,
  playbookFileSchema,
  type PlaybookDefinition,
} from './playbook-schema';
import { lineOfPath, pathAtOffset, type FieldPath } from './yaml-locations';

/**
 * What is wrong with a playbook file, where. `line` is 1-based; `line` and
 * `field` are null when the problem is the file as a whole (too large, a
 * symbolic link, unreadable).
 */
export type PlaybookLoadError = {
  file: string;
  line: number | null;
  field: string | null;
  message: string;
};

export type ParsedPlaybook = {
  definition: PlaybookDefinition;
  /** The line of a field, for errors found after parsing (a clashing id). */
  lineOf: (path: FieldPath) => number | null;
};

export type ParseOutcome =
  | { ok: true; parsed: ParsedPlaybook }
  | { ok: false; errors: PlaybookLoadError[] };

type Issue = z.core.$ZodIssue;
type Problem = { path: FieldPath; message: string };

function valueAt(data: unknown, path: FieldPath): unknown {
  let value = data;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

function kindOf(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'object':
      return 'a mapping';
    case 'string':
      return 'text';
    case 'boolean':
      return 'true or false';
    default:
      return `a ${typeof value}`;
  }
}

const EXPECTED_KINDS: Record<string, string> = {
  array: 'a list',
  object: 'a mapping',
  string: 'text',
  boolean: 'true or false',
  number: 'a number',
};

function typeMessage(
  expected: string,
  value: unknown,
  path: FieldPath,
): string {
  if (path.length === 0) {
    const keys = PLAYBOOK_KEYS.playbook.join(', ');
    return `a playbook file must be a mapping of ${keys}, not ${kindOf(value)}`;
  }
  if (value === undefined) return 'is required';
  const wanted = EXPECTED_KINDS[expected] ?? expected;
  return `must be ${wanted}, not ${kindOf(value)}`;
}

function keysAllowedAt(path: FieldPath): readonly string[] {
  const parent = path.at(-2);
  if (path.length === 0) return PLAYBOOK_KEYS.playbook;
  if (parent === 'phases') return PLAYBOOK_KEYS.phase;
  if (parent === 'applies-to') return PLAYBOOK_KEYS.target;
  return PLAYBOOK_KEYS.item;
}

/**
 * A union fails as a whole; the branch that got past the value's type
 * (a list for `applies-to`) holds the issues worth showing.
 */
function unionBranchIssues(issue: z.core.$ZodIssueInvalidUnion) {
  const reachedInput = (branch: Issue[]) =>
    branch.some(
      (inner) =>
        inner.path.length > 0 ||
        (inner.code !== 'invalid_type' && inner.code !== 'invalid_value'),
    );
  const branch = issue.errors.find(reachedInput);
  if (!branch) return undefined;
  return branch.map((inner) => ({
    ...inner,
    path: [...issue.path, ...inner.path],
  }));
}

function describe(issue: Issue, data: unknown): Problem[] {
  const path = issue.path as FieldPath;
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = keysAllowedAt(path).join(', ');
      return issue.keys.map((key) => ({
        path: [...path, key],
        message: `unknown key "${key}"; allowed here: ${allowed}`,
      }));
    }
    case 'invalid_type':
      return [
        {
          path,
          message: typeMessage(issue.expected, valueAt(data, path), path),
        },
      ];
    case 'invalid_value': {
      if (valueAt(data, path) === undefined) {
        return [{ path, message: 'is required' }];
      }
      const values = issue.values.map((value) => JSON.stringify(value));
      const message =
        values.length === 1
          ? `must be ${values[0]}`
          : `must be one of ${values.join(', ')}`;
      return [{ path, message }];
    }
    case 'invalid_union': {
      const inner = unionBranchIssues(issue);
      if (!inner) return [{ path, message: issue.message }];
      return inner.flatMap((nested) => describe(nested as Issue, data));
    }
    default:
      return [{ path, message: issue.message }];
  }
}

/** Schema issues as messages a person editing the file can act on. */
export function describeIssues(issues: Issue[], data: unknown): Problem[] {
  return issues.flatMap((issue) => describe(issue, data));
}

function fieldOrNull(path: FieldPath): string | null {
  return path.length === 0 ? null : formatFieldPath(path);
}

type SourceContext = {
  source: string;
  doc: Document;
  lineCounter: LineCounter;
  file: string;
};

function yamlProblem(
  error: YAMLError,
  { source, doc, lineCounter, file }: SourceContext,
): PlaybookLoadError {
  // An unterminated quote or bracket is reported at the end of the input,
  // past the last line; the last line with text is the better pointer.
  const lastCharacter = Math.max(source.trimEnd().length - 1, 0);
  const offset = Math.min(error.pos[0], lastCharacter);
  const isDuplicateKey = error.code === 'DUPLICATE_KEY';
  return {
    file,
    line: lineCounter.linePos(offset).line,
    field: fieldOrNull(pathAtOffset(doc, offset, isDuplicateKey)),
    message: `YAML: ${error.message}`,
  };
}

/**
 * Parses and validates one playbook file's text. Never throws for bad
 * input: every problem comes back with its line and field. Duplicate keys
 * are errors, because YAML would otherwise keep the last one silently.
 */
export function parsePlaybook(source: string, file: string): ParseOutcome {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
  });
  if (doc.errors.length > 0) {
    const context = { source, doc, lineCounter, file };
    const errors = doc.errors.map((error) => yamlProblem(error, context));
    return { ok: false, errors };
  }

  const data: unknown = doc.toJS();
  const lineOf = (path: FieldPath) => lineOfPath(doc, lineCounter, path);
  const result = playbookFileSchema.safeParse(data);
  if (!result.success) {
    const problems = describeIssues(result.error.issues, data);
    const errors = problems.map(({ path, message }) => ({
      file,
      line: lineOf(path),
      field: fieldOrNull(path),
      message,
    }));
    return { ok: false, errors };
  }
  return { ok: true, parsed: { definition: result.data, lineOf } };
}

/** `file:line: field: message`, for logs and the command line. */
export function formatPlaybookError(error: PlaybookLoadError): string {
  const where =
    error.line === null ? error.file : `${error.file}:${error.line}`;
  const field = error.field === null ? '' : `${error.field}: `;
  return `${where}: ${field}${error.message}`;
}
