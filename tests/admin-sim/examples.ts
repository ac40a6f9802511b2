/**
 * The contract's example files (copied from the admin-API contract into
 * `examples/`, reformatted by Prettier, otherwise unchanged). They seed the
 * simulator's state and can be served verbatim (the `example` fault).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const EXAMPLE_FILES = [
  'alerts.json',
  'audit-logs-super-admin.json',
  'audit-logs.json',
  'emergency-lockouts.json',
  'errors-common.json',
  'events-failed-login.json',
  'events.json',
  'health.json',
  'ip-allowlist-list.json',
  'ip-allowlist-response.json',
  'lockdown-response.json',
  'metrics.json',
  'sessions.json',
  'whoami.json',
] as const;

export type ExampleFile = (typeof EXAMPLE_FILES)[number];

export const EXAMPLES_DIR = fileURLToPath(
  new URL('./examples/', import.meta.url),
);

const exampleSchema = z.object({
  name: z.string(),
  description: z.string(),
  request: z.object({
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
    path: z.string().startsWith('/'),
    query: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    body: z.unknown().optional(),
    note: z.string().optional(),
  }),
  response: z.object({
    status: z.int().min(100).max(599),
    content_type: z.string().nullable(),
    headers: z.record(z.string(), z.string()).optional(),
    body: z.unknown(),
  }),
});

const fileSchema = z.object({
  endpoint: z.string(),
  plan_reference: z.string(),
  source: z.string(),
  implementation_status: z.string(),
  examples: z.array(exampleSchema).min(1),
});

export type Example = z.infer<typeof exampleSchema>;
export type ExampleFileContent = z.infer<typeof fileSchema>;

const cache = new Map<ExampleFile, ExampleFileContent>();

/** Throws, naming the file and the first problem, if a file is malformed. */
export function loadExampleFile(file: ExampleFile): ExampleFileContent {
  const cached = cache.get(file);
  if (cached !== undefined) return cached;
  const text = readFileSync(`${EXAMPLES_DIR}${file}`, 'utf8');
  const parsed = fileSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `examples/${file} at ${issue.path.join('.')}: ${issue.message}`,
    );
  }
  cache.set(file, parsed.data);
  return parsed.data;
}

export function isExampleFile(file: string): file is ExampleFile {
  return (EXAMPLE_FILES as readonly string[]).includes(file);
}

export function findExample(file: ExampleFile, name: string): Example {
  const found = loadExampleFile(file).examples.find((e) => e.name === name);
  if (found === undefined) {
    throw new Error(`examples/${file} has no example named "${name}"`);
  }
  return found;
}

/** The response body of an example that answers with a JSON array. */
export function exampleRows(file: ExampleFile, name: string): unknown[] {
  const body = findExample(file, name).response.body;
  if (!Array.isArray(body)) {
    throw new Error(`examples/${file} "${name}" does not answer an array`);
  }
  return body;
}

/** The request path plus its query string, as a client would send it. */
export function exampleUrl(example: Example): string {
  const query = Object.entries(example.request.query ?? {}).map(
    ([key, value]): [string, string] => [key, String(value)],
  );
  const search = new URLSearchParams(query).toString();
  return search === ''
    ? example.request.path
    : `${example.request.path}?${search}`;
}
