import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../../shared/journal-types';

export type TextSegment = { text: string; hit: boolean };

/**
 * Splits search-result text whose hits are wrapped in U+0002 … U+0003 into
 * plain and highlighted runs. Unbalanced markers are tolerated: a stray end
 * marker is ignored and an unclosed hit runs to the end of the text.
 */
export function splitHighlights(marked: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let hit = false;
  let current = '';

  function push() {
    if (current) segments.push({ text: current, hit });
    current = '';
  }

  for (const character of marked) {
    if (character === HIGHLIGHT_START || character === HIGHLIGHT_END) {
      push();
      hit = character === HIGHLIGHT_START;
    } else {
      current += character;
    }
  }
  push();
  return mergeNeighbours(segments);
}

/** `a\u0003\u0002b` is one hit, not two touching ones. */
function mergeNeighbours(segments: TextSegment[]): TextSegment[] {
  const merged: TextSegment[] = [];
  for (const segment of segments) {
    const previous = merged.at(-1);
    if (previous && previous.hit === segment.hit) {
      previous.text += segment.text;
    } else {
      merged.push({ ...segment });
    }
  }
  return merged;
}

/** The segments of `text`, with its search hits when there are any. */
export function textSegments(text: string, marked?: string): TextSegment[] {
  return marked === undefined
    ? [{ text, hit: false }]
    : splitHighlights(marked);
}

/**
 * The segments before and after the first `index` characters (UTF-16 code
 * units) of the visible text; a hit that spans the cut is split in two.
 */
export function splitSegmentsAt(
  segments: readonly TextSegment[],
  index: number,
): [TextSegment[], TextSegment[]] {
  const before: TextSegment[] = [];
  const after: TextSegment[] = [];
  let remaining = index;

  for (const segment of segments) {
    const head = segment.text.slice(0, Math.max(0, remaining));
    const tail = segment.text.slice(head.length);
    if (head) before.push({ text: head, hit: segment.hit });
    if (tail) after.push({ text: tail, hit: segment.hit });
    remaining -= head.length;
  }
  return [before, after];
}

const LINE_BREAK = /\r\n?|\n/;

export type FirstLine = {
  segments: TextSegment[];
  /** Lines after the first, not counting blank lines at the end. */
  moreLines: number;
  /** Whether a search hit lies in those further lines. */
  hitBelow: boolean;
};

/** The first line of multi-line text, and what is left out of it. */
export function firstLine(segments: readonly TextSegment[]): FirstLine {
  const text = segments.map((segment) => segment.text).join('');
  const lineBreak = LINE_BREAK.exec(text);
  const moreLines = text.trimEnd().split(LINE_BREAK).length - 1;
  if (!lineBreak || moreLines === 0) {
    return { segments: [...segments], moreLines: 0, hitBelow: false };
  }

  const [head, rest] = splitSegmentsAt(segments, lineBreak.index);
  return {
    segments: head,
    moreLines,
    hitBelow: rest.some((segment) => segment.hit),
  };
}
