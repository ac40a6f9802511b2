import { FileProblem } from './utf8-text';

/** One element of the array of rows, as text, with the line it starts on. */
export type ArrayElement =
  { line: number; text: string } | { line: number; problem: string };

type Container = '[' | '{';

/**
 * Splits the admin API's exported JSON into its rows without holding the
 * whole file: the file is either an array of rows or an object whose
 * `logs` key holds that array (the super-admin audit route). Only strings
 * and brackets are tracked here; each row's text is then parsed on its
 * own, so a bad row is reported by its line and the others still read.
 */
export class JsonArrayScanner {
  private readonly stack: Container[] = [];
  /** Stack depth at which rows sit; 0 until the rows' array is found. */
  private rowDepth = 0;
  private rowsClosed = false;
  private inString = false;
  private escaped = false;
  private line = 1;
  private started = false;
  private finished = false;
  /** In the top-level object: whether the next string is a key. */
  private expectKey = false;
  private keyText: string | null = null;
  private lastKey = '';
  private element: string[] | null = null;
  private elementLine = 0;
  private elementChars = 0;
  private afterComma = false;

  constructor(private readonly maxElementChars: number) {}

  /** Feeds text; returns the rows completed in it. */
  push(text: string): ArrayElement[] {
    const out: ArrayElement[] = [];
    let segmentStart = 0;
    for (let index = 0; index < text.length; index += 1) {
      const char = text[index];
      if (this.inString) {
        this.stringChar(char);
      } else if (this.isSpace(char)) {
        if (char === '\n') this.line += 1;
        continue;
      } else if (this.rowEnds(char)) {
        this.collect(text, segmentStart, index);
        this.finishElement(out, char);
        segmentStart = index + 1;
        this.structural(char);
        continue;
      } else {
        if (this.rowStarts()) {
          this.element = [];
          this.elementLine = this.line;
          this.elementChars = 0;
          segmentStart = index;
        }
        this.structural(char);
      }
      if (char === '\n') this.line += 1;
    }
    this.collect(text, segmentStart, text.length);
    return out;
  }

  /** Call at the end of the file. */
  end(): void {
    if (!this.started) throw new FileProblem('the file is empty');
    if (this.stack.length > 0 || this.inString) {
      throw new FileProblem('the JSON ends before it is closed', this.line);
    }
    if (this.rowDepth === 0) {
      throw new FileProblem(
        'a JSON object without a "logs" array; the admin API exports ' +
          'rows as an array, or as {"logs": […]}',
      );
    }
  }

  private isSpace(char: string): boolean {
    return char === ' ' || char === '\n' || char === '\r' || char === '\t';
  }

  private stringChar(char: string): void {
    if (this.escaped) {
      this.escaped = false;
    } else if (char === '\\') {
      this.escaped = true;
    } else if (char === '"') {
      this.inString = false;
      if (this.keyText !== null) {
        this.lastKey = this.keyText;
        this.keyText = null;
      }
      return;
    }
    if (this.keyText !== null) this.keyText += char;
  }

  private rowStarts(): boolean {
    return this.inRows() && this.element === null;
  }

  private rowEnds(char: string): boolean {
    return this.inRows() && (char === ',' || char === ']');
  }

  private inRows(): boolean {
    return (
      this.rowDepth > 0 &&
      !this.rowsClosed &&
      this.stack.length === this.rowDepth
    );
  }

  private collect(text: string, start: number, end: number): void {
    if (this.element === null || end <= start) return;
    this.elementChars += end - start;
    if (this.elementChars <= this.maxElementChars) {
      this.element.push(text.slice(start, end));
    }
  }

  private finishElement(out: ArrayElement[], char: string): void {
    const element = this.element;
    this.element = null;
    if (element === null) {
      if (char === ',' || this.afterComma) {
        out.push({
          line: this.line,
          problem: 'an empty element (a stray comma)',
        });
      }
      this.afterComma = char === ',';
      return;
    }
    this.afterComma = char === ',';
    if (this.elementChars > this.maxElementChars) {
      out.push({
        line: this.elementLine,
        problem: `the row is larger than ${this.maxElementChars} characters`,
      });
      return;
    }
    out.push({ line: this.elementLine, text: element.join('').trimEnd() });
  }

  private structural(char: string): void {
    if (this.finished) {
      throw new FileProblem('there is more text after the JSON', this.line);
    }
    if (!this.started) this.begin(char);
    switch (char) {
      case '"':
        this.inString = true;
        if (this.inTopObject() && this.expectKey) this.keyText = '';
        this.expectKey = false;
        return;
      case '[':
      case '{':
        this.open(char);
        return;
      case ']':
      case '}':
        this.close(char);
        return;
      case ',':
        if (this.inTopObject()) this.expectKey = true;
        return;
    }
  }

  private begin(char: string): void {
    this.started = true;
    if (char !== '[' && char !== '{') {
      throw new FileProblem(
        'not JSON the admin API exports: expected an array of rows or ' +
          '{"logs": […]}',
        this.line,
      );
    }
  }

  private inTopObject(): boolean {
    return this.stack.length === 1 && this.stack[0] === '{';
  }

  private open(char: Container): void {
    const topLevel = this.stack.length === 0;
    const logsValue =
      this.inTopObject() && this.lastKey === 'logs' && char === '[';
    this.stack.push(char);
    if ((topLevel && char === '[') || (logsValue && this.rowDepth === 0)) {
      this.rowDepth = this.stack.length;
    }
    if (topLevel && char === '{') this.expectKey = true;
  }

  private close(char: string): void {
    const open = this.stack.pop();
    if (open === undefined || (open === '[') !== (char === ']')) {
      throw new FileProblem(`an unexpected ${char}`, this.line);
    }
    if (this.stack.length === this.rowDepth - 1) this.rowsClosed = true;
    if (this.stack.length === 0) this.finished = true;
  }
}
