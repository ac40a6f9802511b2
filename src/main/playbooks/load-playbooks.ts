import {
  closeSync,
  constants,
  fstatSync,
  openSync,
  readdirSync,
  readFileSync,
  type Dirent,
} from 'node:fs';
import { extname, join } from 'node:path';
import {
  parsePlaybook,
  type ParsedPlaybook,
  type PlaybookLoadError,
} from './parse-playbook';
import type { PlaybookDefinition } from './playbook-schema';

export type { PlaybookLoadError } from './parse-playbook';

export type PlaybookOrigin = 'shipped' | 'organisation';

export type PlaybookDirectory = { path: string; origin: PlaybookOrigin };

/** A loaded playbook and where it came from. */
export type Playbook = PlaybookDefinition & {
  origin: PlaybookOrigin;
  file: string;
};

export type PlaybookLoadResult = {
  playbooks: Playbook[];
  errors: PlaybookLoadError[];
};

/** Far above any real playbook; stops a stray export from being parsed. */
export const MAX_PLAYBOOK_FILE_BYTES = 256 * 1024;

const PLAYBOOK_EXTENSIONS = new Set(['.yaml', '.yml']);

/** Refuses to follow a link swapped in after the directory was listed. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0);

type Candidate = ParsedPlaybook & { origin: PlaybookOrigin; file: string };

class FileProblem extends Error {}

function fileError(file: string, message: string): PlaybookLoadError {
  return { file, line: null, field: null, message };
}

function byName(a: Dirent, b: Dirent): number {
  if (a.name === b.name) return 0;
  return a.name < b.name ? -1 : 1;
}

function byFileThenLine(a: PlaybookLoadError, b: PlaybookLoadError): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (a.line ?? 0) - (b.line ?? 0);
}

function readBytes(file: string): Buffer {
  let fd: number;
  try {
    fd = openSync(file, OPEN_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw new FileProblem('is a symbolic link');
    throw new FileProblem(`could not be opened (${code ?? 'unknown error'})`);
  }
  try {
    const tooLarge = `is larger than ${MAX_PLAYBOOK_FILE_BYTES / 1024} KiB`;
    if (fstatSync(fd).size > MAX_PLAYBOOK_FILE_BYTES) {
      throw new FileProblem(tooLarge);
    }
    const bytes = readFileSync(fd);
    // The file may have grown between the size check and the read.
    if (bytes.length > MAX_PLAYBOOK_FILE_BYTES) throw new FileProblem(tooLarge);
    return bytes;
  } finally {
    closeSync(fd);
  }
}

/**
 * A playbook file's text, or a FileProblem saying why it is refused. Links
 * are refused because an organisation directory is writable by people who
 * should not be able to point the app at arbitrary files.
 */
function readPlaybookText(entry: Dirent, file: string): string {
  if (entry.isSymbolicLink()) throw new FileProblem('is a symbolic link');
  if (!entry.isFile()) throw new FileProblem('is not a regular file');

  const bytes = readBytes(file);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new FileProblem('is not valid UTF-8 text');
  }
}

function listPlaybookFiles(
  directory: PlaybookDirectory,
  errors: PlaybookLoadError[],
): Dirent[] {
  try {
    return readdirSync(directory.path, { withFileTypes: true })
      .filter((entry) => PLAYBOOK_EXTENSIONS.has(extname(entry.name)))
      .sort(byName);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // An organisation without playbooks of its own has no directory.
    if (code === 'ENOENT' && directory.origin === 'organisation') return [];
    const reason = code === 'ENOENT' ? 'does not exist' : `(${code})`;
    errors.push(
      fileError(directory.path, `playbook directory cannot be read: ${reason}`),
    );
    return [];
  }
}

function parseEntry(
  entry: Dirent,
  directory: PlaybookDirectory,
  errors: PlaybookLoadError[],
): Candidate | undefined {
  const file = join(directory.path, entry.name);
  try {
    const outcome = parsePlaybook(readPlaybookText(entry, file), file);
    if (!outcome.ok) {
      errors.push(...outcome.errors);
      return undefined;
    }
    return { ...outcome.parsed, origin: directory.origin, file };
  } catch (error) {
    // Includes stack exhaustion on absurdly nested input: one file's
    // failure must never stop the others from loading.
    const message =
      error instanceof FileProblem
        ? error.message
        : `could not be loaded: ${(error as Error).message}`;
    errors.push(fileError(file, message));
    return undefined;
  }
}

function candidateError(
  candidate: Candidate,
  field: 'id' | 'replaces',
  message: string,
): PlaybookLoadError {
  return {
    file: candidate.file,
    line: candidate.lineOf([field]),
    field,
    message,
  };
}

/**
 * Shipped playbooks take their ids first. Two shipped files with one id
 * are a packaging mistake; the later file (by name) is refused.
 */
function acceptShipped(
  candidates: Candidate[],
  errors: PlaybookLoadError[],
): Map<string, Candidate> {
  const byId = new Map<string, Candidate>();
  for (const candidate of candidates) {
    const { id, replaces } = candidate.definition;
    const holder = byId.get(id);
    if (replaces !== null) {
      errors.push(
        candidateError(
          candidate,
          'replaces',
          'only organisation playbooks may replace another',
        ),
      );
    } else if (holder) {
      errors.push(
        candidateError(
          candidate,
          'id',
          `playbook id "${id}" is already used by ${holder.file}`,
        ),
      );
    } else {
      byId.set(id, candidate);
    }
  }
  return byId;
}

type OrganisationState = {
  shipped: Map<string, Candidate>;
  replaced: Map<string, Candidate>;
  accepted: Map<string, Candidate>;
};

function replacementProblem(
  candidate: Candidate,
  state: OrganisationState,
): PlaybookLoadError | undefined {
  const { id, replaces } = candidate.definition;
  if (replaces === null) return undefined;

  if (!state.shipped.has(replaces)) {
    return candidateError(
      candidate,
      'replaces',
      `there is no shipped playbook "${replaces}" to replace`,
    );
  }
  const earlier = state.replaced.get(replaces);
  if (earlier) {
    return candidateError(
      candidate,
      'replaces',
      `shipped playbook "${replaces}" is already replaced by ${earlier.file}`,
    );
  }
  const clash = id === replaces ? undefined : state.shipped.get(id);
  if (clash) {
    return candidateError(
      candidate,
      'id',
      `playbook id "${id}" is used by the shipped playbook in ${clash.file}`,
    );
  }
  return undefined;
}

function idProblem(
  candidate: Candidate,
  state: OrganisationState,
): PlaybookLoadError | undefined {
  const { id, replaces } = candidate.definition;
  const shipped = state.shipped.get(id);
  const organisation = state.accepted.get(id);
  if (organisation) {
    return candidateError(
      candidate,
      'id',
      `playbook id "${id}" is already used by ${organisation.file}`,
    );
  }
  if (shipped && replaces === null) {
    return candidateError(
      candidate,
      'id',
      `playbook id "${id}" is already used by the shipped playbook in ` +
        `${shipped.file}; add "replaces: ${id}" to replace it`,
    );
  }
  return undefined;
}

/**
 * Organisation playbooks never silently shadow shipped ones: reusing a
 * shipped id is an error unless the file says `replaces: <id>`, so a
 * commander cannot lose the plan's steps through an accidental copy.
 */
function acceptOrganisation(
  candidates: Candidate[],
  shipped: Map<string, Candidate>,
  errors: PlaybookLoadError[],
): OrganisationState {
  const state: OrganisationState = {
    shipped,
    replaced: new Map(),
    accepted: new Map(),
  };
  for (const candidate of candidates) {
    const problem =
      replacementProblem(candidate, state) ?? idProblem(candidate, state);
    if (problem) {
      errors.push(problem);
      continue;
    }
    const { id, replaces } = candidate.definition;
    if (replaces !== null) state.replaced.set(replaces, candidate);
    state.accepted.set(id, candidate);
  }
  return state;
}

function toPlaybook({ definition, origin, file }: Candidate): Playbook {
  return { ...definition, origin, file };
}

function parseDirectories(
  directories: readonly PlaybookDirectory[],
  origin: PlaybookOrigin,
  errors: PlaybookLoadError[],
): Candidate[] {
  return directories
    .filter((directory) => directory.origin === origin)
    .flatMap((directory) =>
      listPlaybookFiles(directory, errors).flatMap(
        (entry) => parseEntry(entry, directory, errors) ?? [],
      ),
    );
}

/**
 * Loads every `*.yaml` and `*.yml` file in the given directories; other
 * files are ignored. Shipped directories are read before organisation ones
 * whatever the order given, and files in name order, so which of two
 * clashing files wins never depends on the file system. A bad file is
 * reported (file, line, field) and skipped; the rest still load.
 */
export function loadPlaybooks(
  directories: readonly PlaybookDirectory[],
): PlaybookLoadResult {
  const errors: PlaybookLoadError[] = [];
  const shippedCandidates = parseDirectories(directories, 'shipped', errors);
  const organisationCandidates = parseDirectories(
    directories,
    'organisation',
    errors,
  );

  const shipped = acceptShipped(shippedCandidates, errors);
  const organisation = acceptOrganisation(
    organisationCandidates,
    shipped,
    errors,
  );
  const kept = [...shipped.values()].filter(
    (candidate) => !organisation.replaced.has(candidate.definition.id),
  );
  const playbooks = [...kept, ...organisation.accepted.values()].map(
    toPlaybook,
  );
  return { playbooks, errors: errors.sort(byFileThenLine) };
}
