/**
 * The first thing wrong with a bag, worded exactly as the shipped Python
 * verifier words it, so a recipient and War Room report the same line.
 */
export type BagProblemKind =
  'missing' | 'extra' | 'altered' | 'reordered' | 'foreign' | 'malformed';

export class BagProblem extends Error {
  constructor(
    /** A bag-relative path, with `line N (entry ID)` when it is a line. */
    readonly where: string,
    readonly kind: BagProblemKind,
    readonly detail: string,
  ) {
    super(`${where}: ${kind}: ${detail}`);
    this.name = 'BagProblem';
  }
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
