/**
 * Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` (and some
 * treat a leading tab or carriage return the same way) as a formula, so a
 * message like `=HYPERLINK(…)` in an attacker's log line would run on the
 * analyst's machine. Exported text cells that start with one of those get a
 * leading apostrophe, which spreadsheets show as text.
 *
 * The rule also covers cells that already start with apostrophes followed
 * by such a character, so guarding is reversible: War Room's importer
 * removes exactly one apostrophe from a cell that starts with one or more
 * apostrophes and then such a character, and nothing else. A cell like
 * `'tis` is written and read as it is.
 */
const NEEDS_GUARD = /^'*[=+\-@\t\r]/;
const GUARDED = /^'+[=+\-@\t\r]/;

export function guardCell(text: string): string {
  return NEEDS_GUARD.test(text) ? `'${text}` : text;
}

/** Undoes `guardCell`; only for files War Room wrote itself. */
export function unguardCell(text: string): string {
  return GUARDED.test(text) ? text.slice(1) : text;
}
