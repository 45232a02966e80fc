import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import type { Settings } from "../config/settings";
import type { Database } from "../db/client";
import { importRoster } from "../roster/import-roster";
import { formatRowProblem } from "../roster/row-problem-text";
import { parseRosterCsv } from "../roster/roster-rows";
import { cliText } from "./cli-text";
import { EXIT, type CommandIo, type ExitCode } from "./command-io";
import { openMigratedDatabase, settingsOrReport } from "./startup";

export const IMPORT_HELP = {
  sw: `Matumizi: mlango import FAILI.csv [--dry-run]

Inaingiza wanafunzi kutoka faili la CSV (UTF-8) lenye mstari wa vichwa:
  identifier (lazima), secret, name, email, photo, about; safu nyingine huhifadhiwa kama data.
Uingizaji wote ni muamala mmoja: kosa lolote kwenye faili, hakuna kinachobadilishwa.
Mwanafunzi aliyepo husasishwa kwa kitambulisho chake, hanakiliwi.

  --dry-run   kagua faili na uonyeshe ripoti bila kuhifadhi`,
  en: `Usage: mlango import FILE.csv [--dry-run]

Imports students from a UTF-8 CSV file with a header row:
  identifier (required), secret, name, email, photo, about; other columns are kept as data.
The whole import is one transaction: any problem in the file and nothing is changed.
A student already on the roster is updated by identifier, never duplicated.

  --dry-run   check the file and print the report without storing anything`,
};

export async function importCommand(io: CommandIo, args: string[]): Promise<ExitCode> {
  const { values, positionals } = parseArgs({ args, options: { "dry-run": { type: "boolean", default: false } }, allowPositionals: true });
  const settings = settingsOrReport(io, { forServe: false });
  if (!settings) return EXIT.usage;
  const lang = settings.lang;

  const fileArgument = positionals[0];
  if (!fileArgument) {
    io.err(cliText(lang, "missingArgument", { name: "FILE.csv", command: "import" }));
    return EXIT.usage;
  }
  const path = resolve(io.cwd, fileArgument);
  if (!existsSync(path)) {
    io.err(cliText(lang, "fileNotFound", { name: fileArgument }));
    return EXIT.failed;
  }

  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(path));
  } catch {
    io.err(cliText(lang, "fileNotUtf8", { name: fileArgument }));
    return EXIT.failed;
  }

  const handle = await openMigratedDatabase(io, settings);
  if (!handle) return EXIT.failed;
  try {
    return await importCsvText(io, settings, handle.db, text, values["dry-run"] ?? false);
  } finally {
    handle.close();
  }
}

/** Parses roster CSV text, imports it and prints the report or every problem. Shared by `import` and `demo`. */
export async function importCsvText(io: CommandIo, settings: Settings, db: Database, text: string, dryRun: boolean): Promise<ExitCode> {
  const lang = settings.lang;
  const parsed = parseRosterCsv(text);
  if (!parsed.ok) {
    io.err(cliText(lang, "importProblems", { count: parsed.problems.length }));
    for (const problem of parsed.problems) io.err(`  ${formatRowProblem(problem, lang)}`);
    return EXIT.failed;
  }

  const showProgress = process.stderr.isTTY === true;
  const report = await importRoster(db, parsed.rows, parsed.skipped, {
    dryRun,
    identifierCaseSensitive: settings.identifierCaseSensitive,
    argon2: settings.argon2,
    now: Date.now,
    onHashed: showProgress ? (done, total) => process.stderr.write(`\r${cliText(lang, "hashing", { done, total })}`) : undefined,
  });
  if (showProgress && parsed.rows.some((row) => row.secret !== undefined)) process.stderr.write("\n");

  if (report.problems.length > 0) {
    io.err(cliText(lang, "importProblems", { count: report.problems.length }));
    for (const problem of report.problems) io.err(`  ${formatRowProblem(problem, lang)}`);
    return EXIT.failed;
  }

  const counts = { added: report.added, updated: report.updated, unchanged: report.unchanged, skipped: report.skipped };
  io.out(cliText(lang, report.dryRun ? "importDryRun" : "importDone", counts));
  return EXIT.ok;
}
