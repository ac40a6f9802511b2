import { createHash, type Hash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { EvidenceHashes } from '../../shared/evidence-types';

/**
 * Hashes evidence content three ways as it streams past. For large content
 * MD5 (the slowest of the three by far) and SHA-1 run on worker threads,
 * so an intake uses every core instead of hashing at a third of the disk's
 * speed. Chunks in shared memory reach the workers without a copy.
 */
export type ContentHasher = {
  /** Resolves once every hash has consumed the chunk and it may be reused. */
  update(chunk: Uint8Array): Promise<void>;
  digest(): Promise<EvidenceHashes>;
  /** Stops the worker, if any; the hasher cannot be used afterwards. */
  dispose(): void;
  readonly size: number;
};

/**
 * A hash worker's whole program, kept as source so it runs the same from
 * the bundled app and from tests without a separate build entry. It hashes
 * every chunk with the one algorithm it was started with.
 */
const HASH_WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const hash = createHash(workerData.algorithm);
parentPort.on('message', (message) => {
  if (message.chunk) {
    hash.update(message.chunk);
    parentPort.postMessage({ done: message.id });
  } else {
    parentPort.postMessage({ digest: hash.digest('hex') });
  }
});
`;

/** One algorithm on its own thread; chunks acknowledged in order. */
class HashWorker {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, () => void>();
  private digestWaiter: {
    resolve: (hex: string) => void;
    reject: (error: Error) => void;
  } | null = null;
  private failure: Error | null = null;
  private nextId = 0;

  constructor(algorithm: string) {
    this.worker = new Worker(HASH_WORKER_SOURCE, {
      eval: true,
      workerData: { algorithm },
    });
    this.worker.on('message', (message: { done?: number; digest?: string }) => {
      if (message.digest !== undefined) {
        this.digestWaiter?.resolve(message.digest);
        return;
      }
      this.waiting.get(message.done!)?.();
      this.waiting.delete(message.done!);
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', () => this.fail(new Error('a hash worker ended')));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const release of this.waiting.values()) release();
    this.waiting.clear();
    this.digestWaiter?.reject(this.failure);
  }

  update(chunk: Uint8Array): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId;
    this.nextId += 1;
    const consumed = new Promise<void>((resolve, reject) =>
      this.waiting.set(id, () =>
        this.failure ? reject(this.failure) : resolve(),
      ),
    );
    this.worker.postMessage({ id, chunk });
    return consumed;
  }

  digest(): Promise<string> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<string>((resolve, reject) => {
      this.digestWaiter = { resolve, reject };
      this.worker.postMessage({});
    });
  }

  dispose(): void {
    this.worker.removeAllListeners('exit');
    void this.worker.terminate();
  }
}

class InlineHasher implements ContentHasher {
  private readonly sha256: Hash = createHash('sha256');
  private readonly sha1: Hash = createHash('sha1');
  private readonly md5: Hash = createHash('md5');
  size = 0;

  update(chunk: Uint8Array): Promise<void> {
    this.sha256.update(chunk);
    this.sha1.update(chunk);
    this.md5.update(chunk);
    this.size += chunk.byteLength;
    return Promise.resolve();
  }

  digest(): Promise<EvidenceHashes> {
    return Promise.resolve({
      sha256: this.sha256.digest('hex'),
      sha1: this.sha1.digest('hex'),
      md5: this.md5.digest('hex'),
    });
  }

  dispose(): void {}
}

/**
 * SHA-256 on the calling thread, MD5 and SHA-1 on a thread each, so the
 * scheduler can spread the hashing over every core there is.
 */
class OffloadedHasher implements ContentHasher {
  private readonly sha256: Hash = createHash('sha256');
  private readonly md5 = new HashWorker('md5');
  private readonly sha1 = new HashWorker('sha1');
  size = 0;

  update(chunk: Uint8Array): Promise<void> {
    const consumed = Promise.all([
      this.md5.update(chunk),
      this.sha1.update(chunk),
    ]).then(() => undefined);
    this.sha256.update(chunk);
    this.size += chunk.byteLength;
    return consumed;
  }

  async digest(): Promise<EvidenceHashes> {
    const [md5, sha1] = await Promise.all([
      this.md5.digest(),
      this.sha1.digest(),
    ]);
    return { sha256: this.sha256.digest('hex'), sha1, md5 };
  }

  dispose(): void {
    this.md5.dispose();
    this.sha1.dispose();
  }
}

/** Below this size a worker costs more to start than it saves. */
export const OFFLOAD_THRESHOLD_BYTES = 8 * 1024 * 1024;

export function createContentHasher(expectedBytes: number): ContentHasher {
  return expectedBytes >= OFFLOAD_THRESHOLD_BYTES
    ? new OffloadedHasher()
    : new InlineHasher();
}
