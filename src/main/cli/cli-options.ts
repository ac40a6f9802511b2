import { Option } from 'commander';

/** The option every command takes after its name. */
export function dataDirOption(): Option {
  return new Option(
    '--data-dir <dir>',
    "data directory (default: $WAR_ROOM_DATA_DIR, else the desktop app's)",
  );
}

export type DataDirOptions = { dataDir?: string };
