import { DEMO_HELP, demoCommand } from "./demo-command";
import { EVENTS_HELP, eventsCommand } from "./events-command";
import { EXAM_HELP, examCommand } from "./exam-command";
import { ENROLL_HELP, enrollCommand } from "./enroll-command";
import { IMPORT_HELP, importCommand } from "./import-command";
import { IMPORT_PHOTOS_HELP, importPhotosCommand } from "./import-photos-command";
import { SERVE_HELP, serveCommand } from "./serve-command";
import { SIMULATE_HELP, simulateCommand } from "./simulate-command";
import { BACKUP_HELP, RESTORE_HELP, backupCommand, restoreCommand } from "./backup-command";
import { CHECK_HELP, checkCommand } from "./check-command";
import { CLI_TEXT, cliText } from "./cli-text";
import { EXIT, processIo, type CommandIo, type ExitCode } from "./command-io";
import { VERSION } from "../version";

type Help = { sw: string; en: string };

const COMMANDS: Record<string, { run: (io: CommandIo, args: string[]) => Promise<ExitCode>; help: Help; takesNoArguments?: boolean }> = {
  serve: { run: (io) => serveCommand(io), help: SERVE_HELP, takesNoArguments: true },
  import: { run: importCommand, help: IMPORT_HELP },
  simulate: { run: simulateCommand, help: SIMULATE_HELP },
  exam: { run: examCommand, help: EXAM_HELP },
  demo: { run: demoCommand, help: DEMO_HELP },
  check: { run: (io) => checkCommand(io), help: CHECK_HELP, takesNoArguments: true },
  backup: { run: backupCommand, help: BACKUP_HELP },
  restore: { run: restoreCommand, help: RESTORE_HELP },
  events: { run: eventsCommand, help: EVENTS_HELP },
  "import-photos": { run: importPhotosCommand, help: IMPORT_PHOTOS_HELP },
  enroll: { run: enrollCommand, help: ENROLL_HELP },
};

/** Runs one command line and returns its exit status. Invalid options are usage errors (status 2). */
export async function runCli(args: string[], io: CommandIo): Promise<ExitCode> {
  const [name, ...rest] = args;

  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.out(CLI_TEXT[io.lang].usage);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === "--version" || name === "version") {
    io.out(VERSION);
    return EXIT.ok;
  }

  const command = COMMANDS[name];
  if (!command) {
    io.err(cliText(io.lang, "unknownCommand", { name }));
    return EXIT.usage;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(command.help[io.lang]);
    return EXIT.ok;
  }

  if (command.takesNoArguments && rest.length > 0) {
    io.err(cliText(io.lang, "unexpectedArguments", { command: name, name: rest.join(" ") }));
    return EXIT.usage;
  }

  try {
    return await command.run(io, attachNegativeNumbers(rest));
  } catch (error) {
    const usageError = describeParseArgsError(error, name, io);
    if (usageError === undefined) throw error;
    io.err(usageError);
    return EXIT.usage;
  }
}

/**
 * Joins `--option -3` into `--option=-3`. `util.parseArgs` reads `-3` as an
 * option of its own and reports `--option` as missing its value, which is
 * misleading. Joined, the command checks the number and explains the range.
 */
function attachNegativeNumbers(args: string[]): string[] {
  const joined: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    const next = args[index + 1];
    if (arg.startsWith("--") && !arg.includes("=") && next !== undefined && /^-\d/.test(next)) {
      joined.push(`${arg}=${next}`);
      index += 1;
    } else {
      joined.push(arg);
    }
  }
  return joined;
}

/**
 * Turns the errors `util.parseArgs` throws (codes ERR_PARSE_ARGS_*) into a
 * message in the operator's language; returns undefined for any other error.
 */
function describeParseArgsError(error: unknown, command: string, io: CommandIo): string | undefined {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== "string" || !code.startsWith("ERR_PARSE_ARGS")) return undefined;
  const option = /'([^']+)'/.exec((error as Error).message)?.[1] ?? (error as Error).message;
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") return cliText(io.lang, "optionNeedsValue", { name: option, command });
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") return cliText(io.lang, "unexpectedArguments", { name: option, command });
  return cliText(io.lang, "unknownOption", { name: option, command });
}

/** Waits until everything written to a stream has been handed to the OS; process.exit would drop the rest of a pipe's buffer. */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write("", () => resolve()));
}

if (import.meta.main) {
  const code = await runCli(process.argv.slice(2), processIo());
  // NOTE: Bun does not always call a write's callback for a pipe, so the wait is capped.
  await Promise.race([Promise.all([flushed(process.stdout), flushed(process.stderr)]), Bun.sleep(3000)]);
  process.exit(code);
}
