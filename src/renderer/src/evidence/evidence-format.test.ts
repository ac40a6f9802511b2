import { describe, expect, it } from 'vitest';
import { parsePaths } from './add-paths-dialog';
import {
  formatBytes,
  formatExactBytes,
  formatSecondsLeft,
  guessEvidenceType,
  parseTags,
} from './evidence-format';

describe('formatBytes', () => {
  it('keeps bytes exact below a KiB and rounds larger sizes', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(200 * 1024 ** 2)).toBe('200 MiB');
    expect(formatBytes(64 * 1024 ** 3)).toBe('64 GiB');
    expect(formatBytes(3 * 1024 ** 5)).toBe('3072 TiB');
  });

  it('gives the exact figure with thousands separators', () => {
    expect(formatExactBytes(1)).toBe('1 byte');
    expect(formatExactBytes(1_234_567)).toBe('1,234,567 bytes');
  });
});

describe('formatSecondsLeft', () => {
  it('says when there is no estimate yet', () => {
    expect(formatSecondsLeft(null)).toBe('estimating time left');
  });

  it('uses the largest units that matter', () => {
    expect(formatSecondsLeft(42)).toBe('42 s left');
    expect(formatSecondsLeft(125)).toBe('2 min 5 s left');
    expect(formatSecondsLeft(7_260)).toBe('2 h 1 min left');
  });
});

describe('guessEvidenceType', () => {
  it('goes by what most of the file names suggest', () => {
    expect(guessEvidenceType(['auth.log', 'syslog.txt', 'a.png'])).toBe(
      'log-export',
    );
    expect(guessEvidenceType(['desk.PNG'])).toBe('screenshot');
    expect(guessEvidenceType(['/srv/web-03.mem'])).toBe('memory');
    expect(guessEvidenceType(['core.dump', 'a.png', 'b.log'])).toBe(
      'screenshot',
    );
  });

  it('falls back to other for names it does not know', () => {
    expect(guessEvidenceType([])).toBe('other');
    expect(guessEvidenceType(['crontab-root', '.bashrc'])).toBe('other');
  });
});

describe('parseTags and parsePaths', () => {
  it('trims, drops empties and repeats from tags', () => {
    expect(parseTags(' ssh, bastion ,,ssh ')).toEqual(['ssh', 'bastion']);
    expect(parseTags('')).toEqual([]);
  });

  it('takes one path per line, keeping spaces inside a path', () => {
    expect(parsePaths('/var/log/auth.log\r\n\n  /srv/My Exports/a \n')).toEqual(
      ['/var/log/auth.log', '/srv/My Exports/a'],
    );
  });
});
