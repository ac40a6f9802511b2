import { AppFailure } from '../../shared/result';

/**
 * Turns what a person types into an FTS5 query.
 *
 * Every word is quoted, so an address (`10.0.0.5:22`, `2001:db8::1`), a
 * path (`C:\Windows\Temp`), a URL or a hyphenated name is searched as
 * written instead of being read as FTS5 syntax. What stays syntax: phrases
 * in double quotes, the operators AND, OR, NOT and NEAR in capitals,
 * parentheses, and a `*` at the end of a word for a prefix search.
 */
const OPERATORS = new Set(['AND', 'OR', 'NOT', 'NEAR']);

type Token = { text: string; operand: boolean };

function quote(word: string): string {
  return `"${word.replaceAll('"', '""')}"`;
}

function readPhrase(
  typed: string,
  start: number,
): { token: Token; end: number } {
  const close = typed.indexOf('"', start + 1);
  if (close === -1) {
    throw new AppFailure(
      'search-syntax',
      'a double quote is not closed: end the phrase with another "',
    );
  }
  const star = typed[close + 1] === '*';
  const phrase = typed.slice(start + 1, close);
  return {
    token: { text: `${quote(phrase)}${star ? ' *' : ''}`, operand: true },
    end: close + (star ? 2 : 1),
  };
}

function readWord(typed: string, start: number): { token: Token; end: number } {
  let end = start;
  while (end < typed.length && !/[\s()"]/.test(typed[end])) end += 1;
  const word = typed.slice(start, end);
  if (OPERATORS.has(word))
    return { token: { text: word, operand: false }, end };
  const prefix = word.length > 1 && word.endsWith('*');
  const stem = prefix ? word.slice(0, -1) : word;
  return {
    token: { text: `${quote(stem)}${prefix ? ' *' : ''}`, operand: true },
    end,
  };
}

function tokenize(typed: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < typed.length) {
    const char = typed[index];
    if (/\s/.test(char)) {
      index += 1;
    } else if (char === '(' || char === ')') {
      tokens.push({ text: char, operand: false });
      index += 1;
    } else {
      const read =
        char === '"' ? readPhrase(typed, index) : readWord(typed, index);
      tokens.push(read.token);
      index = read.end;
    }
  }
  return tokens;
}

/**
 * The FTS5 query for a typed search, or null when there is nothing to
 * search for. Throws a `search-syntax` AppFailure for an unclosed quote;
 * other mistakes (a dangling operator, unbalanced brackets) are reported
 * by SQLite and explained by the caller.
 */
export function toFtsQuery(typed: string): string | null {
  const tokens = tokenize(typed);
  if (!tokens.some((token) => token.operand)) return null;
  return tokens.map((token) => token.text).join(' ');
}

export function isFtsSyntaxError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return /fts5|syntax error|unterminated string|no such column/i.test(
    error.message,
  );
}
