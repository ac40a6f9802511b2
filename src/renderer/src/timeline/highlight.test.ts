import { describe, expect, it } from 'vitest';
import {
  firstLine,
  splitHighlights,
  splitSegmentsAt,
  textSegments,
} from './highlight';

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

describe('splitSegmentsAt', () => {
  it('cuts a hit that spans the cut into two hits', () => {
    const segments = splitHighlights(`Amended ${S}entry${E}: ok`);
    expect(splitSegmentsAt(segments, 11)).toEqual([
      [
        { text: 'Amended ', hit: false },
        { text: 'ent', hit: true },
      ],
      [
        { text: 'ry', hit: true },
        { text: ': ok', hit: false },
      ],
    ]);
  });

  it('puts everything before a cut past the end', () => {
    const segments = textSegments('short');
    expect(splitSegmentsAt(segments, 99)).toEqual([segments, []]);
  });
});

describe('firstLine', () => {
  it('leaves one-line text whole', () => {
    expect(firstLine(textSegments('one line'))).toEqual({
      segments: [{ text: 'one line', hit: false }],
      moreLines: 0,
      hitBelow: false,
    });
  });

  it('counts the lines after the first, whatever their breaks', () => {
    expect(firstLine(textSegments('first\r\nsecond\rthird\nfourth'))).toEqual({
      segments: [{ text: 'first', hit: false }],
      moreLines: 3,
      hitBelow: false,
    });
  });

  it('does not count blank lines at the end', () => {
    expect(firstLine(textSegments('first\nsecond\n\n')).moreLines).toBe(1);
    expect(firstLine(textSegments('only\n\n')).moreLines).toBe(0);
  });

  it('says whether a hit was left out', () => {
    const below = firstLine(splitHighlights(`blocked\nthe ${S}/24${E}`));
    expect(below.segments).toEqual([{ text: 'blocked', hit: false }]);
    expect(below.hitBelow).toBe(true);

    const above = firstLine(splitHighlights(`${S}blocked${E}\nthe /24`));
    expect(above.segments).toEqual([{ text: 'blocked', hit: true }]);
    expect(above.hitBelow).toBe(false);
  });
});
