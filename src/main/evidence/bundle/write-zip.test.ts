import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { makeTempDir } from '../../test-support/temp-war-room';
import { writeBagZip } from './write-zip';

let dir: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  dir = makeTempDir('war-room-zip-');
});
afterEach(() => dir.remove());

it('fails cleanly, reading nothing, when the archive cannot be created', async () => {
  const root = join(dir.path, 'bag');
  mkdirSync(join(root, 'data'), { recursive: true });
  const files = Array.from({ length: 50 }, (_, index) => {
    const path = `data/${index}.txt`;
    writeFileSync(join(root, path), `evidence ${index}`);
    return { path, mode: 0o444 };
  });

  const error = await writeBagZip(join(dir.path, 'no-such-folder', 'bag.zip'), {
    root,
    folders: ['data'],
    files,
    modifiedAt: new Date('2026-12-03T16:00:00Z'),
  }).catch((thrown: NodeJS.ErrnoException) => thrown);
  // The export removes the bag after a failure; a read of it still under
  // way would then fail with an error no one handles, failing this run.
  rmSync(root, { recursive: true, force: true });
  await new Promise((resolve) => setTimeout(resolve, 200));

  expect(error).toMatchObject({ code: 'ENOENT' });
});
