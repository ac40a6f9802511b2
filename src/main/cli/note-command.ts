import type { Command } from 'commander';
import {
  EXIT_OK,
  EXIT_USAGE,
  type CliRuntime,
  type ExitCode,
} from './cli-runtime';
import { withWarRoom } from './cli-session';
import { dataDirOption, type DataDirOptions } from './cli-options';

type NoteOptions = DataDirOptions & { incident: string; actor?: string };

/**
 * The note's text: the words joined by spaces, or standard input when the
 * only word is `-`. Trailing newlines from `echo` or a heredoc are dropped;
 * everything else is kept as typed.
 */
async function noteText(runtime: CliRuntime, words: string[]) {
  if (words.length === 1 && words[0] === '-') {
    return (await runtime.readStdin()).replace(/[\r\n]+$/, '');
  }
  return words.join(' ');
}

async function addNote(
  runtime: CliRuntime,
  words: string[],
  options: NoteOptions,
): Promise<ExitCode> {
  const text = await noteText(runtime, words);
  if (text.trim() === '') {
    runtime.writeErr('error: the note is empty\n');
    return EXIT_USAGE;
  }

  return withWarRoom(runtime, options.dataDir, async (session) => {
    const result = await session.invoke('journal:add-note', {
      incidentId: options.incident,
      text,
      actor: options.actor,
    });
    if (!result.ok) return session.fail(result.error);

    runtime.writeOut(`${result.value.id}\n`);
    return EXIT_OK;
  });
}

export function addNoteCommand(
  program: Command,
  runtime: CliRuntime,
  setExit: (code: ExitCode) => void,
): void {
  program
    .command('note')
    .description("append a note to an incident's journal and print its id")
    .argument('<text...>', 'the note; a single - reads it from standard input')
    .requiredOption('--incident <id>', 'the incident the note belongs to')
    .option(
      '--actor <name>',
      'who writes it (default: $WAR_ROOM_ACTOR, else your user name)',
    )
    .addOption(dataDirOption())
    .showHelpAfterError(
      "(put -- before note text that has words starting with '-')",
    )
    .action(async (words: string[], options: NoteOptions) =>
      setExit(await addNote(runtime, words, options)),
    );
}
