#!/usr/bin/env node
// The `war-room` command. A stable file outside out/, so the command keeps
// working after every rebuild; the command line itself is built to
// out/main/cli.js.
import { existsSync } from 'node:fs';

const cli = new URL('../out/main/cli.js', import.meta.url);

if (!existsSync(cli)) {
  console.error('War Room is not built yet: run `npm run build`');
  process.exit(2);
}

try {
  await import(cli.href);
} catch (error) {
  console.error(`War Room could not start: ${error?.message ?? error}`);
  process.exit(2);
}
