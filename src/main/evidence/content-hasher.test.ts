import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../test-support/temp-war-room';
import { createContentHasher, OFFLOAD_THRESHOLD_BYTES } from './content-hasher';
import { iterableSource, openVault, storeInVault } from './evidence-vault';

function expected(content: Uint8Array) {
  const hex = (algorithm: string) =>
    createHash(algorithm).update(content).digest('hex');
  return { sha256: hex('sha256'), sha1: hex('sha1'), md5: hex('md5') };
}

async function hashInChunks(
  chunks: Uint8Array[],
  expectedBytes: number,
): Promise<ReturnType<typeof expected>> {
  const hasher = createContentHasher(expectedBytes);
  try {
    await Promise.all(chunks.map((chunk) => hasher.update(chunk)));
    return await hasher.digest();
  } finally {
    hasher.dispose();
  }
}

const chunkLists = fc.array(fc.uint8Array({ maxLength: 2_000 }), {
  maxLength: 12,
});

describe('content hasher', () => {
  it('hashes any chunking like one pass, on one thread or two', async () => {
    await fc.assert(
      fc.asyncProperty(chunkLists, fc.boolean(), async (chunks, offload) => {
        const whole = Buffer.concat(chunks);
        const hashes = await hashInChunks(
          chunks,
          offload ? OFFLOAD_THRESHOLD_BYTES : 0,
        );
        expect(hashes).toEqual(expected(whole));
      }),
      { numRuns: 40 },
    );
  });

  it('hashes chunks in shared memory on the worker without a copy', async () => {
    const shared = Buffer.from(new SharedArrayBuffer(4096)).fill(7);

    const hashes = await hashInChunks(
      [shared, shared],
      OFFLOAD_THRESHOLD_BYTES,
    );

    expect(hashes).toEqual(expected(Buffer.concat([shared, shared])));
  });
});

describe('storing a stream in the vault', () => {
  it('stores any chunking of an upload byte for byte', async () => {
    const dir = makeTempDir();
    const vault = openVault(dir.path);
    try {
      await fc.assert(
        fc.asyncProperty(chunkLists, async (chunks) => {
          async function* body() {
            yield* chunks;
          }
          const stored = await storeInVault(vault, iterableSource(body()));
          const whole = Buffer.concat(chunks);
          expect(stored).toMatchObject({
            ...expected(whole),
            size: whole.length,
          });
        }),
        { numRuns: 30 },
      );
    } finally {
      dir.remove();
    }
  });

  it('leaves no temporary file when the stream fails midway', async () => {
    const dir = makeTempDir();
    const vault = openVault(dir.path);
    async function* broken() {
      yield new Uint8Array(10);
      throw new Error('connection reset');
    }

    const error = await storeInVault(vault, iterableSource(broken())).catch(
      (thrown: Error) => thrown,
    );

    expect(error).toMatchObject({ message: 'connection reset' });
    expect(readdirSync(vault.tempDir)).toEqual([]);
    dir.remove();
  });
});
