import { existsSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { backupDatabase, fileTimestamp, recordBackup } from "../backup/backup-database";
import { RestoreError, restoreDatabase, type RestoreProblem } from "../backup/restore-database";
import type { Settings } from "../config/settings";
import { databaseFilePath } from "../db/client";
import { cliText, type CliTextKey } from "./cli-text";
import { EXIT, type CommandIo, type ExitCode } from "./command-io";
import { openMigratedDatabase, settingsOrReport } from "./startup";

export const BACKUP_HELP = {
  sw: `Matumizi: mlango backup FAILI.db

Inaandika nakala kamili ya hifadhidata (MLANGO_DATABASE_URL) kwenye FAILI.db. Ni salama seva
ikiendesha: nakala ni picha moja ya wakati mmoja. Kwa nakala zinazopangwa weka MLANGO_BACKUP_DIR.`,
  en: `Usage: mlango backup FILE.db

Writes a complete copy of the database (MLANGO_DATABASE_URL) to FILE.db. Safe while the server
runs: the copy is one consistent snapshot. For scheduled backups set MLANGO_BACKUP_DIR.`,
};

export const RESTORE_HELP = {
  sw: `Matumizi: mlango restore FAILI.db [--yes]

Inabadilisha data yote ya hifadhidata kwa ile ya nakala FAILI.db, katika muamala mmoja.
Kwanza inahifadhi nakala ya data ya sasa kando ya hifadhidata. Seva inaweza kuendelea kuendesha.

  --yes   usiulize uthibitisho`,
  en: `Usage: mlango restore FILE.db [--yes]

Replaces all data in the database with that of the backup FILE.db, in one transaction.
It first saves a copy of the current data next to the database. The server may keep running.

  --yes   do not ask for confirmation`,
};

interface FileCommandInput {
  settings: Settings;
  /** The FILE.db argument as typed, and resolved against the working folder. */
  argument: string;
  argumentPath: string;
  databasePath: string;
}

/** Reads the settings and the FILE.db argument shared by backup and restore; prints the problem and returns an exit status otherwise. */
function readFileCommandInput(io: CommandIo, args: string[], command: "backup" | "restore"): FileCommandInput | ExitCode {
  const settings = settingsOrReport(io, { forServe: false });
  if (!settings) return EXIT.usage;

  const argument = args.find((arg) => !arg.startsWith("-"));
  if (!argument) {
    io.err(cliText(settings.lang, "missingArgument", { name: settings.lang === "sw" ? "FAILI.db" : "FILE.db", command }));
    return EXIT.usage;
  }
  const databasePath = databaseFilePath(settings.databaseUrl);
  if (!databasePath) {
    io.err(cliText(settings.lang, "backupNeedsFile"));
    return EXIT.usage;
  }
  return { settings, argument, argumentPath: resolve(io.cwd, argument), databasePath };
}

export async function backupCommand(io: CommandIo, args: string[]): Promise<ExitCode> {
  const input = readFileCommandInput(io, args, "backup");
  if (typeof input === "number") return input;
  const { settings, argument: target, argumentPath: path } = input;
  const lang = settings.lang;

  if (existsSync(path) && statSync(path).isDirectory()) {
    io.err(cliText(lang, "pathIsFolder", { name: target, example: "mlango-backup.db" }));
    return EXIT.failed;
  }
  if (existsSync(path)) {
    io.err(cliText(lang, "backupExists", { name: target }));
    return EXIT.failed;
  }
  if (!isFolder(dirname(path))) {
    io.err(cliText(lang, "folderMissing", { name: dirname(path) }));
    return EXIT.failed;
  }

  const handle = await openMigratedDatabase(io, settings);
  if (!handle) return EXIT.failed;
  try {
    const { bytes } = await backupDatabase(handle.client, path);
    await recordBackup(handle.db, { at: Date.now(), ok: true, scheduled: false, file: path, bytes });
    io.out(cliText(lang, "backupDone", { name: path, bytes }));
    return EXIT.ok;
  } catch (error) {
    io.err(cliText(lang, "backupFailed", { name: path, error: (error as Error).message }));
    return EXIT.failed;
  } finally {
    handle.close();
  }
}

const RESTORE_PROBLEM_TEXT: Record<RestoreProblem, CliTextKey> = {
  not_found: "restoreNotFound",
  not_sqlite: "restoreNotSqlite",
  damaged: "restoreDamaged",
  not_mlango: "restoreNotMlango",
  newer_version: "restoreNewerVersion",
};

export async function restoreCommand(io: CommandIo, args: string[]): Promise<ExitCode> {
  const input = readFileCommandInput(io, args, "restore");
  if (typeof input === "number") return input;
  const { settings, argument: source, argumentPath: sourcePath, databasePath } = input;
  const lang = settings.lang;

  if (!existsSync(sourcePath)) {
    io.err(cliText(lang, "restoreNotFound", { name: source }));
    return EXIT.failed;
  }

  if (!args.includes("--yes")) {
    const answer = (await io.prompt?.(cliText(lang, "restoreConfirm", { database: databasePath, name: source }))) ?? "";
    if (!["yes", "y", "ndiyo", "ndio"].includes(answer.trim().toLowerCase())) {
      io.err(cliText(lang, "restoreCancelled"));
      return EXIT.failed;
    }
  }

  const handle = await openMigratedDatabase(io, settings);
  if (!handle) return EXIT.failed;
  try {
    const safetyCopy = unusedPath(join(dirname(databasePath), `${basename(databasePath, ".db")}-before-restore-${fileTimestamp(Date.now())}`), ".db");
    const saveCurrentData = async () => {
      await backupDatabase(handle.client, safetyCopy);
      io.out(cliText(lang, "restoreSafetyCopy", { name: safetyCopy }));
    };

    const restored = await restoreDatabase(handle.url, sourcePath, { beforeReplace: saveCurrentData });
    io.out(cliText(lang, "restoreDone", { name: source, tables: restored.tables, rows: restored.rows }));
    return EXIT.ok;
  } catch (error) {
    if (error instanceof RestoreError) {
      io.err(cliText(lang, RESTORE_PROBLEM_TEXT[error.problem], { name: source, error: error.message }));
    } else {
      io.err(cliText(lang, "restoreFailed", { name: source, error: (error as Error).message }));
    }
    return EXIT.failed;
  } finally {
    handle.close();
  }
}

/** `stem` + `extension`, or with `-2`, `-3`, ... inserted when that file exists (two restores within one second). */
function unusedPath(stem: string, extension: string): string {
  let candidate = `${stem}${extension}`;
  for (let suffix = 2; existsSync(candidate); suffix++) candidate = `${stem}-${suffix}${extension}`;
  return candidate;
}

function isFolder(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}
