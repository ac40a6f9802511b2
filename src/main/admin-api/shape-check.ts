/**
 * Checking a decoded body against a zod shape, with a problem that names
 * the field the way a person reads it: `[3].severity`, `lockouts[0].id`,
 * `(body)` for the whole body.
 */
import type { z } from 'zod';

export type Checked<T> =
  { ok: true; value: T } | { ok: false; problem: string };

export function fieldPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(body)';
  return path
    .map((key, index) => {
      if (typeof key === 'number') return `[${key}]`;
      return index === 0 ? String(key) : `.${String(key)}`;
    })
    .join('');
}

export function checkShape<T>(
  schema: z.ZodType<T>,
  value: unknown,
): Checked<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };

  const [first, ...rest] = parsed.error.issues;
  const more = rest.length === 0 ? '' : ` (and ${rest.length} more)`;
  const problem = `${fieldPath(first.path)}: ${first.message}${more}`;
  return { ok: false, problem };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A list sent bare (`[…]`) or in one of the envelopes the platform uses
 * (`{"lockouts": […]}`); anything else is a problem at `(body)`.
 */
export function checkList<T>(
  item: z.ZodType<T>,
  value: unknown,
  envelopes: readonly string[],
): Checked<T[]> {
  if (Array.isArray(value)) return checkShape(item.array(), value);

  const key = isRecord(value)
    ? envelopes.find((name) => name in value)
    : undefined;
  if (key === undefined || !isRecord(value)) {
    const wrapped = envelopes.map((name) => `{"${name}": [...]}`).join(', ');
    const expected = wrapped === '' ? 'a JSON array' : `[...] or ${wrapped}`;
    return { ok: false, problem: `(body): expected ${expected}` };
  }
  const checked = checkShape(item.array(), value[key]);
  if (checked.ok) return checked;
  return {
    ok: false,
    problem: `${key}${checked.problem.replace(/^\(body\)/, '')}`,
  };
}
