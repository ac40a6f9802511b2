/**
 * The report as format-neutral blocks, written once and rendered as
 * Markdown or HTML, so both formats always say the same thing. Every
 * string here is plain text; each renderer escapes it for its format.
 */
export type Tone = 'good' | 'bad' | 'plain';

export type Cell = string | { text: string; tone: Tone };

export type Block =
  | { type: 'paragraph'; text: string }
  | { type: 'fields'; rows: [string, string][] }
  | { type: 'table'; head: string[]; rows: Cell[][]; empty: string }
  | { type: 'list'; items: string[]; empty: string }
  | { type: 'heading'; text: string };

export type ReportSection = { id: string; title: string; blocks: Block[] };

export type ReportDocument = {
  title: string;
  subtitle: string;
  sections: ReportSection[];
};

export function cellText(cell: Cell): string {
  return typeof cell === 'string' ? cell : cell.text;
}

export function cellTone(cell: Cell): Tone {
  return typeof cell === 'string' ? 'plain' : cell.tone;
}

export const paragraph = (text: string): Block => ({ type: 'paragraph', text });
export const heading = (text: string): Block => ({ type: 'heading', text });
export const fields = (rows: [string, string][]): Block => ({
  type: 'fields',
  rows,
});
export const list = (items: string[], empty: string): Block => ({
  type: 'list',
  items,
  empty,
});
export const table = (
  head: string[],
  rows: Cell[][],
  empty: string,
): Block => ({
  type: 'table',
  head,
  rows,
  empty,
});
