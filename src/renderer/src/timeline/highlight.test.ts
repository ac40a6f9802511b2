import { describe, expect, it } from 'vitest';
import { splitHighlights } from './highlight';

const S = '\u0002';
const E = '\u0003';

describe('splitHighlights', () => {
  it('returns unmarked text as one plain segment', () => {
    expect(splitHighlights('no hits here')).toEqual([
      { text: 'no hits here', hit: false },
    ]);
  });

  it('marks each hit between the markers', () => {
    expect(
      splitHighlights(`blocked ${S}203.0.113.9${E} at ${S}edge${E}`),
    ).toEqual([
      { text: 'blocked ', hit: false },
      { text: '203.0.113.9', hit: true },
      { text: ' at ', hit: false },
      { text: 'edge', hit: true },
    ]);
  });

  it('handles a hit at the very start and end', () => {
    expect(splitHighlights(`${S}all${E}`)).toEqual([
      { text: 'all', hit: true },
    ]);
  });

  it('joins touching hits into one', () => {
    expect(splitHighlights(`${S}ab${E}${S}cd${E} x`)).toEqual([
      { text: 'abcd', hit: true },
      { text: ' x', hit: false },
    ]);
  });

  it('runs an unclosed hit to the end and ignores a stray end marker', () => {
    expect(splitHighlights(`a${E}b ${S}c`)).toEqual([
      { text: 'ab ', hit: false },
      { text: 'c', hit: true },
    ]);
  });

  it('keeps characters outside the basic plane whole', () => {
    expect(splitHighlights(`🔥 ${S}fire${E}`)).toEqual([
      { text: '🔥 ', hit: false },
      { text: 'fire', hit: true },
    ]);
  });
});
