/**
 * Turns what a person types into an FTS5 query. Plain words are quoted, so
 * an address like `192.168.1.10` or a path like `/var/log/auth.log` is
 * searched as written instead of failing as FTS5 syntax. A query that uses
 * FTS5's own syntax (quotes, AND/OR/NOT/NEAR, a trailing `*`, parentheses
 * or column filters) is passed through as typed, and its syntax errors are
 * reported to the person.
 */
const OPERATOR_SYNTAX = /["()*:^]|\b(AND|OR|NOT|NEAR)\b/;

export function toFtsQuery(typed: string): string | null {
  const trimmed = typed.trim();
  if (trimmed === '') return null;
  if (OPERATOR_SYNTAX.test(trimmed)) return trimmed;
  return trimmed
    .split(/\s+/)
    .map((word) => `"${word}"`)
    .join(' ');
}

export function isFtsSyntaxError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return /fts5|syntax error|unterminated string|no such column/i.test(
    error.message,
  );
}
