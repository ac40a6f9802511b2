import { randomFillSync } from 'node:crypto';

const POOL_SIZE = 1024;

/**
 * A cryptographically random number in [0, 1), drawn from a pool that is
 * refilled 1,024 values at a time. The ULID library otherwise asks the
 * operating system for one byte per character, which cost more than the
 * rest of a journal append together.
 */
export function createBufferedRandom(): () => number {
  const pool = new Uint32Array(POOL_SIZE);
  let next = POOL_SIZE;
  return () => {
    if (next === POOL_SIZE) {
      randomFillSync(pool);
      next = 0;
    }
    const value = pool[next];
    next += 1;
    return value / 0x1_0000_0000;
  };
}
