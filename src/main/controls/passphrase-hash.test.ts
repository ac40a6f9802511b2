import { expect, it } from 'vitest';
import {
  hashPassphrase,
  SCRYPT_PARAMETERS,
  verifyPassphrase,
} from './passphrase-hash';

it('stores a salted scrypt hash with its parameters, not the passphrase', async () => {
  const first = await hashPassphrase('correct horse battery');
  const second = await hashPassphrase('correct horse battery');

  const { N, r, p } = SCRYPT_PARAMETERS;
  expect(first.startsWith(`scrypt$${N}$${r}$${p}$`)).toBe(true);
  expect(first).not.toContain('correct');
  // A fresh random salt each time.
  expect(first).not.toBe(second);
});

it('accepts the passphrase and nothing else', async () => {
  const stored = await hashPassphrase('correct horse battery');

  expect(await verifyPassphrase('correct horse battery', stored)).toBe(true);
  expect(await verifyPassphrase('correct horse batterY', stored)).toBe(false);
  expect(await verifyPassphrase('', stored)).toBe(false);
});

it('never matches a damaged stored hash', async () => {
  const stored = await hashPassphrase('correct horse battery');
  const cut = stored.slice(0, -8);

  expect(await verifyPassphrase('correct horse battery', cut)).toBe(false);
  expect(await verifyPassphrase('x', 'plain text')).toBe(false);
});
