/**
 * `npm run api:sim -- [options]`: runs the admin-API simulator until
 * interrupted, with its `/__sim/` control routes on. The first line of
 * output is one JSON object: {"url","token","profile","control"}.
 *
 *   --port N              listen port (default 0: a free one)
 *   --profile NAME        reference (default) or plan
 *   --token TOKEN         the super admin's token (default: random)
 *   --seed N              seed of generated rows and faults (default 1)
 *   --events N            generated security events (default 0)
 *   --failed-logins N     generated failed-login events (default 0)
 *   --audit-logs N        generated audit-log rows (default 0)
 *   --span-hours N        how far back generated rows go (default 720)
 *   --preset NAME         contract (default) or designed: route modes
 *   --route ID=MODE       a route's mode (designed|broken|absent); repeat
 *   --openapi on|off      publish /api/v1/openapi.json
 *   --idempotency MODE    ignore (default) or honour Idempotency-Key
 *   --peer ADDRESS        the TCP peer the reference gates see
 *   --start ISO           simulated start time (2025-01-20T10:40:00Z)
 *   --frozen-clock        time moves only when told (POST /__sim/clock)
 */
import { parseArgs } from 'node:util';
import type { RouteId, RouteMode, SimProfile } from './route-types';
import type { ModePreset } from './routes';
import { startAdminSimulator, type SimulatorOptions } from './simulator';

const OPTIONS = {
  port: { type: 'string' },
  profile: { type: 'string' },
  token: { type: 'string' },
  seed: { type: 'string' },
  events: { type: 'string' },
  'failed-logins': { type: 'string' },
  'audit-logs': { type: 'string' },
  'span-hours': { type: 'string' },
  preset: { type: 'string' },
  route: { type: 'string', multiple: true },
  openapi: { type: 'string' },
  idempotency: { type: 'string' },
  peer: { type: 'string' },
  start: { type: 'string' },
  'frozen-clock': { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

type Flags = ReturnType<
  typeof parseArgs<{ options: typeof OPTIONS }>
>['values'];

function wholeNumber(name: string, text: string | undefined) {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) {
    throw new Error(`--${name} must be a whole number, not "${text}"`);
  }
  return Number(text);
}

function oneOf<T extends string>(
  name: string,
  text: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (text === undefined || (allowed as readonly string[]).includes(text)) {
    return text as T | undefined;
  }
  throw new Error(`--${name} must be ${allowed.join(' or ')}, not "${text}"`);
}

function routeModes(specs: readonly string[] = []) {
  const routes: Partial<Record<RouteId, RouteMode>> = {};
  for (const spec of specs) {
    const [id, mode] = spec.split('=');
    const checked = oneOf('route', mode, ['designed', 'broken', 'absent']);
    if (!id || checked === undefined) {
      throw new Error(`--route takes ID=MODE, not "${spec}"`);
    }
    routes[id as RouteId] = checked;
  }
  return routes;
}

function toOptions(flags: Flags): SimulatorOptions {
  const openapi = oneOf('openapi', flags.openapi, ['on', 'off']);
  return {
    port: wholeNumber('port', flags.port),
    profile: oneOf<SimProfile>('profile', flags.profile, ['reference', 'plan']),
    token: flags.token,
    seed: wholeNumber('seed', flags.seed),
    volume: {
      events: wholeNumber('events', flags.events),
      failedLogins: wholeNumber('failed-logins', flags['failed-logins']),
      auditLogs: wholeNumber('audit-logs', flags['audit-logs']),
      spanHours: wholeNumber('span-hours', flags['span-hours']),
    },
    preset: oneOf<ModePreset>('preset', flags.preset, ['contract', 'designed']),
    routes: routeModes(flags.route),
    openapi: openapi === undefined ? undefined : openapi === 'on',
    idempotency: oneOf('idempotency', flags.idempotency, ['ignore', 'honour']),
    peerAddress: flags.peer,
    clock: { start: flags.start, frozen: flags['frozen-clock'] ?? false },
    controlRoutes: true,
  };
}

const USAGE = `usage: npm run api:sim -- [--port N] [--profile reference|plan]
  [--token TOKEN] [--seed N] [--events N] [--failed-logins N]
  [--audit-logs N] [--span-hours N] [--preset contract|designed]
  [--route ID=MODE]... [--openapi on|off] [--idempotency ignore|honour]
  [--peer ADDRESS] [--start ISO] [--frozen-clock]
`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: OPTIONS, strict: true });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const sim = await startAdminSimulator(toOptions(values));
  const { url, token, profile } = sim;
  const control = `${url}/__sim/`;
  process.stdout.write(`${JSON.stringify({ url, token, profile, control })}\n`);
  process.stdout.write(
    `admin-API simulator (${profile}) on ${url}; control at ${control}; ` +
      'Ctrl-C stops it\n',
  );
  const stop = () => void sim.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`api:sim: ${message}\n`);
  process.exit(2);
});
