import { Option, type Command } from 'commander';
import { CATEGORY_IDS, SEVERITIES } from '../../shared/incident-taxonomy';
import type { Incident } from '../../shared/ipc-contract';
import { EXIT_OK, type CliRuntime, type ExitCode } from './cli-runtime';
import { withWarRoom } from './cli-session';
import { dataDirOption, type DataDirOptions } from './cli-options';

type CreateOptions = DataDirOptions & {
  title: string;
  severity: string;
  category: string;
  subtype?: string;
  description?: string;
};

type ListOptions = DataDirOptions & { json?: boolean };

function createIncident(runtime: CliRuntime, options: CreateOptions) {
  return withWarRoom(
    runtime,
    options.dataDir,
    async (session) => {
      const result = await session.invoke('incident:create', {
        title: options.title,
        severity: options.severity as Incident['severity'],
        category: options.category as Incident['category'],
        subtype: options.subtype,
        description: options.description,
      });
      if (!result.ok) return session.fail(result.error);

      runtime.writeOut(`${result.value.id}\n`);
      return EXIT_OK;
    },
    { create: true },
  );
}

const TABLE_COLUMNS: [string, (incident: Incident) => string][] = [
  ['ID', (incident) => incident.id],
  ['SEVERITY', (incident) => incident.severity],
  ['STATUS', (incident) => incident.status],
  // Minutes are enough to tell incidents apart in a list.
  [
    'OPENED (UTC)',
    (incident) => incident.openedAt.slice(0, 16).replace('T', ' '),
  ],
  ['ENTRIES', (incident) => String(incident.entryCount)],
  ['TITLE', (incident) => incident.title],
];

/** A plain table: columns padded to their widest cell, title last. */
export function formatIncidentTable(incidents: Incident[]): string {
  const rows = [
    TABLE_COLUMNS.map(([heading]) => heading),
    ...incidents.map((incident) =>
      TABLE_COLUMNS.map(([, cell]) => cell(incident)),
    ),
  ];
  const widths = TABLE_COLUMNS.map((_, column) =>
    Math.max(...rows.map((row) => row[column].length)),
  );
  const lines = rows.map((row) =>
    row
      .map((cell, column) =>
        column === row.length - 1 ? cell : cell.padEnd(widths[column]),
      )
      .join('  '),
  );
  return `${lines.join('\n')}\n`;
}

function listIncidents(runtime: CliRuntime, options: ListOptions) {
  return withWarRoom(runtime, options.dataDir, async (session) => {
    const result = await session.invoke('incident:list', {});
    if (!result.ok) return session.fail(result.error);

    const incidents = result.value;
    if (options.json) {
      runtime.writeOut(`${JSON.stringify(incidents)}\n`);
    } else if (incidents.length === 0) {
      runtime.writeErr('No incidents yet.\n');
    } else {
      runtime.writeOut(formatIncidentTable(incidents));
    }
    return EXIT_OK;
  });
}

export function addIncidentCommands(
  program: Command,
  runtime: CliRuntime,
  setExit: (code: ExitCode) => void,
): void {
  const incident = program
    .command('incident')
    .description('open and list incidents');

  incident
    .command('create')
    .description('open an incident and print its id')
    .requiredOption('--title <text>', 'short title')
    .addOption(
      new Option('--severity <level>', 'severity')
        .choices(SEVERITIES)
        .makeOptionMandatory(),
    )
    .addOption(
      new Option('--category <slug>', 'category, as the plan names it')
        .choices(CATEGORY_IDS)
        .makeOptionMandatory(),
    )
    .option('--subtype <slug>', "one of the category's subtypes")
    .option('--description <text>', 'what is known so far')
    .addOption(dataDirOption())
    .action(async (options: CreateOptions) =>
      setExit(await createIncident(runtime, options)),
    );

  incident
    .command('list')
    .description('list incidents, newest first')
    .option('--json', 'print the incidents as a JSON array')
    .addOption(dataDirOption())
    .action(async (options: ListOptions) =>
      setExit(await listIncidents(runtime, options)),
    );
}
