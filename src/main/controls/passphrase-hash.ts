/**
 * Second-person passphrases, kept only as a memory-hard scrypt hash so the
 * two-person rule works offline on one laptop without the passphrase
 * itself ever being stored. Format:
 * `scrypt$<N>$<r>$<p>$<salt base64>$<hash base64>`, so the parameters can
 * be raised later without making old hashes unreadable.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export type ScryptParameters = { N: number; r: number; p: number };

/**
 * N = 2^15, r = 8, p = 1: 32 MiB and roughly a tenth of a second per
 * check on a laptop, the strength OWASP suggests for scrypt.
 */
export const SCRYPT_PARAMETERS: ScryptParameters = { N: 2 ** 15, r: 8, p: 1 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;

function derive(
  passphrase: string,
  salt: Buffer,
  params: ScryptParameters,
): Promise<Buffer> {
  // scrypt needs 128 * N * r bytes; leave room above it.
  const maxmem = 256 * params.N * params.r;
  return new Promise((resolve, reject) => {
    scrypt(
      passphrase.normalize('NFC'),
      salt,
      KEY_BYTES,
      { ...params, maxmem },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

export async function hashPassphrase(
  passphrase: string,
  params: ScryptParameters = SCRYPT_PARAMETERS,
): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(passphrase, salt, params);
  return [
    'scrypt',
    params.N,
    params.r,
    params.p,
    salt.toString('base64'),
    key.toString('base64'),
  ].join('$');
}

function parseStored(
  stored: string,
): { params: ScryptParameters; salt: Buffer; key: Buffer } | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (!N || !r || !p) return null;
  return {
    params: { N, r, p },
    salt: Buffer.from(parts[4] ?? '', 'base64'),
    key: Buffer.from(parts[5] ?? '', 'base64'),
  };
}

/** Compares in constant time; a malformed stored hash never matches. */
export async function verifyPassphrase(
  passphrase: string,
  stored: string,
): Promise<boolean> {
  const parsed = parseStored(stored);
  if (!parsed || parsed.key.length !== KEY_BYTES) return false;
  const key = await derive(passphrase, parsed.salt, parsed.params);
  return timingSafeEqual(key, parsed.key);
}
