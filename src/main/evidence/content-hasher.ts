import { createHash, type Hash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { EvidenceHashes } from '../../shared/evidence-types';

/**
 * Hashes evidence content three ways as it streams past. SHA-256 and SHA-1
 * run on the calling thread; MD5, the slowest of the three by far, can run
 * on a worker thread so large intakes use a second core instead of
 * hashing at a third of the disk's speed. Chunks in shared memory reach
 * the worker without a copy.
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
 * The worker's whole program, kept as source so it runs the same from the
 * bundled app and from tests without a separate build entry.
 */
const MD5_WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const md5 = createHash('md5');
parentPort.on('message', (message) => {
  if (message.chunk) {
    md5.update(message.chunk);
    parentPort.postMessage({ done: message.id });
  } else {
    parentPort.postMessage({ md5: md5.digest('hex') });
  }
});
`;

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

class OffloadedHasher implements ContentHasher {
  private readonly sha256: Hash = createHash('sha256');
  private readonly sha1: Hash = createHash('sha1');
  private readonly worker = new Worker(MD5_WORKER_SOURCE, { eval: true });
  private readonly waiting = new Map<number, () => void>();
  private digestWaiter: {
    resolve: (md5: string) => void;
    reject: (error: Error) => void;
  } | null = null;
  private failure: Error | null = null;
  private nextId = 0;
  size = 0;

  constructor() {
    this.worker.on('message', (message: { done?: number; md5?: string }) => {
      if (message.md5 !== undefined) {
        this.digestWaiter?.resolve(message.md5);
        return;
      }
      this.waiting.get(message.done!)?.();
      this.waiting.delete(message.done!);
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', () => this.fail(new Error('the hash worker ended')));
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
    this.sha256.update(chunk);
    this.sha1.update(chunk);
    this.size += chunk.byteLength;
    return consumed;
  }

  async digest(): Promise<EvidenceHashes> {
    if (this.failure) throw this.failure;
    const md5 = await new Promise<string>((resolve, reject) => {
      this.digestWaiter = { resolve, reject };
      this.worker.postMessage({});
    });
    return {
      sha256: this.sha256.digest('hex'),
      sha1: this.sha1.digest('hex'),
      md5,
    };
  }

  dispose(): void {
    this.worker.removeAllListeners('exit');
    void this.worker.terminate();
  }
}

/** Below this size a worker costs more to start than it saves. */
export const OFFLOAD_THRESHOLD_BYTES = 8 * 1024 * 1024;

export function createContentHasher(expectedBytes: number): ContentHasher {
  return expectedBytes >= OFFLOAD_THRESHOLD_BYTES
    ? new OffloadedHasher()
    : new InlineHasher();
}
