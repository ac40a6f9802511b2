import { isUtf8 } from 'node:buffer';

/**
 * A problem with a file as a whole (its encoding, its structure): nothing
 * of it can be imported, whatever the person accepts to skip, because the
 * rows after it cannot be told apart reliably.
 */
export class FileProblem extends Error {
  constructor(
    message: string,
    /** The line it is on, when known. */
    readonly line: number | null = null,
  ) {
    super(line === null ? message : `line ${line}: ${message}`);
    this.name = 'FileProblem';
  }
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function startsWith(bytes: Buffer, prefix: number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

/** Refuses UTF-16 and UTF-32, with or without a byte-order mark. */
function checkWideEncoding(head: Buffer): void {
  const bom = startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff]);
  if (bom) {
    throw new FileProblem(
      'the file is UTF-16 (it starts with a UTF-16 byte-order mark); ' +
        'War Room reads UTF-8: convert it first, e.g. ' +
        '`iconv -f UTF-16 -t UTF-8`',
    );
  }
  if (head.length >= 2 && (head[0] === 0 || head[1] === 0)) {
    throw new FileProblem(
      'the file looks like UTF-16 or UTF-32 without a byte-order mark ' +
        '(NUL bytes between its first characters); War Room reads UTF-8',
    );
  }
}

/** Bytes of `bytes` that end on a character boundary. */
function completeLength(bytes: Buffer): number {
  let index = bytes.length - 1;
  let back = 0;
  while (index >= 0 && back < 3 && (bytes[index] & 0xc0) === 0x80) {
    index -= 1;
    back += 1;
  }
  if (index < 0) return bytes.length;
  const lead = bytes[index];
  const needed = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return bytes.length - index >= needed ? bytes.length : index;
}

/** Where the first invalid sequence starts; only on the error path. */
function firstInvalidOffset(bytes: Buffer): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index];
    const length = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
    if (!isUtf8(bytes.subarray(index, index + length))) return index;
    index += length;
  }
  return bytes.length;
}

function countNewlines(bytes: Buffer, end = bytes.length): number {
  let count = 0;
  let index = bytes.indexOf(0x0a);
  while (index !== -1 && index < end) {
    count += 1;
    index = bytes.indexOf(0x0a, index + 1);
  }
  return count;
}

/**
 * Decodes a byte stream as strict UTF-8: a leading UTF-8 byte-order mark
 * is dropped, UTF-16 is refused, and the first invalid byte is reported
 * with its line. Characters split across chunks are carried over.
 */
export class Utf8Decoder {
  private carry: Buffer = Buffer.alloc(0);
  private started = false;
  private newlines = 0;

  decode(chunk: Buffer): string {
    let bytes =
      this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    if (!this.started) {
      if (bytes.length < 3 && chunk.length > 0) {
        this.carry = bytes;
        return '';
      }
      this.started = true;
      checkWideEncoding(bytes);
      if (startsWith(bytes, UTF8_BOM)) bytes = bytes.subarray(3);
    }
    const complete = completeLength(bytes);
    this.carry = Buffer.from(bytes.subarray(complete));
    return this.text(bytes.subarray(0, complete));
  }

  /** Call once at the end; a character cut off by the end is refused. */
  end(): string {
    const rest = this.started ? '' : this.decodeHead();
    if (this.carry.length > 0) {
      throw new FileProblem(
        'the file ends in the middle of a UTF-8 character',
        this.newlines + 1,
      );
    }
    return rest;
  }

  private decodeHead(): string {
    const bytes = this.carry;
    this.carry = Buffer.alloc(0);
    this.started = true;
    if (bytes.length === 0) return '';
    checkWideEncoding(bytes);
    return this.text(startsWith(bytes, UTF8_BOM) ? bytes.subarray(3) : bytes);
  }

  private text(bytes: Buffer): string {
    if (!isUtf8(bytes)) {
      const offset = firstInvalidOffset(bytes);
      throw new FileProblem(
        `the file is not valid UTF-8 (byte 0x${bytes[offset].toString(16)} ` +
          'cannot be read as text); save it as UTF-8',
        this.newlines + countNewlines(bytes, offset) + 1,
      );
    }
    this.newlines += countNewlines(bytes);
    return bytes.toString('utf8');
  }
}
