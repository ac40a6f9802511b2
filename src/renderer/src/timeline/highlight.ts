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
