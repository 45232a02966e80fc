import { and, count, eq, isNull } from "drizzle-orm";
import { students } from "../db/schema";
import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import type { Settings } from "../config/settings";
import type { Database } from "../db/client";
import { COLUMN_ROLES, describePlan, planColumns, presentFields, type ColumnChoices, type ColumnPlan, type ColumnRole } from "../roster/column-map";
import { parseDelimiterName } from "../roster/csv-shape";
import { importRoster, type ImportMode, type ImportReport, type PresentFields } from "../roster/import-roster";
import { openRosterFile, problemFromFileError, type RosterFile, type RosterFileOptions } from "../roster/roster-file";
import { formatRowProblem } from "../roster/row-problem-text";
import { cleanValue, parseRosterCsv, rowFromRecord, type RecordOutcome, type RowProblem } from "../roster/roster-rows";
import { parseEncodingName, ROSTER_ENCODINGS } from "../roster/text-encoding";
import { cliText } from "./cli-text";
import { EXIT, type CommandIo, type ExitCode } from "./command-io";
import { ProgressReporter } from "./progress";
import { openMigratedDatabase, settingsOrReport } from "./startup";

export const IMPORT_HELP = {
  sw: `Matumizi: mlango import FAILI.csv [chaguo]

Inaingiza wanafunzi kutoka faili la CSV au maandishi lenye mstari wa vichwa, kama Excel,
LibreOffice au mfumo wa shule ulivyoliandika. Usimbaji (UTF-8, UTF-16, Windows-1252, Mac Roman)
na kitenganishi (, ; tab |) hugunduliwa. Vichwa vinatambuliwa kwa majina ya kawaida:
matric no, reg no, admission number, index number, student id, username, email, password, PIN,
date of birth, first/middle/last name, surname, other names, class, form, stream, photo, exams.
users.csv ya OneRoster 1.1 inaingizwa kama ilivyo (wanafunzi tu).
Uingizaji wote ni muamala mmoja: kosa lolote kwenye faili, hakuna kinachobadilishwa.

  --mode add|update|sync   add: wapya tu; update (kawaida): ongeza na usasishe;
                           sync: orodha inakuwa faili, wasiokuwemo wanasimamishwa (hawafutwi)
  --dry-run                kagua na uonyeshe ripoti na rekodi za kwanza bila kuhifadhi
  --encoding JINA          usimbaji wa faili: ${ROSTER_ENCODINGS.join(", ")}
  --delimiter K            kitenganishi: comma, semicolon, tab, pipe
  --column JUKUMU=KICHWA   tumia safu KICHWA kwa JUKUMU (linaweza kurudiwa); majukumu:
                           ${COLUMN_ROLES.join(", ")}
  --data SAFU,SAFU         safu zitakazotumwa kama metadata.data (none = hakuna);
                           kawaida: kila safu isiyotumika, isipokuwa nenosiri na tarehe ya kuzaliwa`,
  en: `Usage: mlango import FILE.csv [options]

Imports students from a CSV or text file with a header row, as Excel, LibreOffice or a school
system wrote it. The encoding (UTF-8, UTF-16, Windows-1252, Mac Roman) and the delimiter
(, ; tab |) are detected. Headers are recognised by the names schools use:
matric no, reg no, admission number, index number, student id, username, email, password, PIN,
date of birth, first/middle/last name, surname, other names, class, form, stream, photo, exams.
A OneRoster 1.1 users.csv imports as it is (students only).
The whole import is one transaction: any problem in the file and nothing is changed.

  --mode add|update|sync   add: new students only; update (default): add and update;
                           sync: the roster becomes the file, missing students are disabled (not deleted)
  --dry-run                check the file and print the report and first rows without storing anything
  --encoding NAME          the file's encoding: ${ROSTER_ENCODINGS.join(", ")}
  --delimiter D            the delimiter: comma, semicolon, tab, pipe
  --column ROLE=HEADER     use the column HEADER for ROLE (repeatable); roles:
                           ${COLUMN_ROLES.join(", ")}
  --data COLUMN,COLUMN     the columns sent as metadata.data (none for no columns);
                           default: every unused column except passwords and dates of birth`,
};

const MODES: ImportMode[] = ["add", "update", "sync"];
const PREVIEW_ROWS = 5;

export interface ImportFlags {
  mode: ImportMode;
  dryRun: boolean;
  choices: ColumnChoices;
}

export async function importCommand(io: CommandIo, args: string[]): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      "dry-run": { type: "boolean", default: false },
      mode: { type: "string", default: "update" },
      encoding: { type: "string" },
      delimiter: { type: "string" },
      column: { type: "string", multiple: true },
      data: { type: "string" },
    },
  });
  const settings = settingsOrReport(io, { forServe: false });
  if (!settings) return EXIT.usage;
  const lang = settings.lang;

  const fileArgument = positionals[0];
  if (!fileArgument) {
    io.err(cliText(lang, "missingArgument", { name: lang === "sw" ? "FAILI.csv" : "FILE.csv", command: "import" }));
    return EXIT.usage;
  }

  const mode = values.mode as ImportMode;
  if (!MODES.includes(mode)) return invalidFlag(io, lang, "--mode", values.mode!, MODES.join(", "));
  const fileOptions = fileOptionsFromFlags(io, lang, values);
  if (!fileOptions) return EXIT.usage;
  const explicit: ColumnChoices["explicit"] = {};
  for (const mapping of values.column ?? []) {
    const [role, header] = splitOnce(mapping, "=");
    if (!(COLUMN_ROLES as readonly string[]).includes(role) || !header) return invalidFlag(io, lang, "--column", mapping, lang === "sw" ? `JUKUMU=KICHWA, JUKUMU: ${COLUMN_ROLES.join(", ")}` : `ROLE=HEADER, ROLE: ${COLUMN_ROLES.join(", ")}`);
    explicit[role as ColumnRole] = header;
  }
  const data = values.data === undefined ? undefined : values.data.trim().toLowerCase() === "none" ? [] : values.data.split(",").map((name) => name.trim()).filter(Boolean);

  const path = rosterFilePath(io, lang, fileArgument);
  if (path === undefined) return EXIT.failed;

  const file = await openRosterFile(path, fileOptions);
  io.out(
    cliText(lang, "importFileShape", {
      encoding: file.encoding,
      encodingHow: file.encodingDetected ? cliText(lang, "detected") : "--encoding",
      delimiter: JSON.stringify(file.delimiter),
      delimiterHow: file.delimiterDetected ? cliText(lang, "detected") : "--delimiter",
    }),
  );

  const flags: ImportFlags = { mode, dryRun: values["dry-run"] ?? false, choices: { explicit, data } };
  const source = await readHeader(file, flags.choices);
  if (!source.ok) return printProblems(io, lang, source.problems, source.problems.length);

  const handle = await openMigratedDatabase(io, settings);
  if (!handle) return EXIT.failed;
  try {
    io.out(cliText(lang, "importColumns", { plan: describePlan(source.plan) }));
    const progress = new ProgressReporter(lang, () => (file.totalBytes === 0 ? 1 : file.bytesRead() / file.totalBytes));
    let report: ImportReport;
    try {
      report = await runImport(settings, handle.db, source.outcomes, presentFields(source.plan), flags, progress);
    } catch (error) {
      // A database failure (locked past the busy timeout, disk full) rolls the merge back, so nothing changed.
      progress.finish();
      io.err(cliText(lang, "importFailed", { error: (error as Error).message }));
      return EXIT.failed;
    }
    progress.finish();
    const status = printReport(io, lang, report);
    if (status === EXIT.ok && !report.dryRun) await warnAboutStudentsWithoutSecret(io, lang, handle.db);
    return status;
  } finally {
    handle.close();
  }
}

/** Imports roster CSV text held in memory and prints the report. Used by `demo`. */
export async function importCsvText(io: CommandIo, settings: Settings, db: Database, text: string, dryRun: boolean): Promise<ExitCode> {
  const parsed = parseRosterCsv(text);
  if (!parsed.ok) return printProblems(io, settings.lang, parsed.problems, parsed.problems.length);
  const outcomes: RecordOutcome[] = [...parsed.rows.map((row) => ({ kind: "row" as const, row })), ...Array.from({ length: parsed.skipped }, () => ({ kind: "skip" as const }))];
  const report = await runImport(settings, db, outcomes, parsed.present, { mode: "update", dryRun, choices: { explicit: {} } });
  return printReport(io, settings.lang, report);
}

function runImport(
  settings: Settings,
  db: Database,
  outcomes: AsyncIterable<RecordOutcome> | Iterable<RecordOutcome>,
  present: PresentFields,
  flags: ImportFlags,
  progress?: ProgressReporter,
): Promise<ImportReport> {
  return importRoster(db, outcomes, {
    mode: flags.mode,
    dryRun: flags.dryRun,
    identifierCaseSensitive: settings.identifierCaseSensitive,
    argon2: settings.argon2,
    present,
    now: Date.now,
    previewRows: flags.dryRun ? PREVIEW_ROWS : 0,
    onProgress: progress ? (counts) => progress.update(counts.rows, counts.hashed) : undefined,
    onMerge: progress ? () => progress.merging() : undefined,
  });
}

type HeaderResult = { ok: true; plan: ColumnPlan; outcomes: AsyncIterable<RecordOutcome> } | { ok: false; problems: RowProblem[] };

/**
 * Reads the header record, skipping blank records before it, and plans the
 * columns. The returned outcomes stream the records after the header.
 */
async function readHeader(file: RosterFile, choices: ColumnChoices): Promise<HeaderResult> {
  const records = file.records();
  let header: { record: number; values: string[] } | undefined;
  try {
    for (;;) {
      const next = await records.next();
      if (next.done) break;
      if (next.value.values.some((value) => cleanValue(value) !== "")) {
        header = next.value;
        break;
      }
    }
  } catch (error) {
    return { ok: false, problems: [problemFromFileError(error)] };
  }
  if (!header) return { ok: false, problems: [{ record: 0, code: "empty_file" }] };

  const headerRecord = header.record;
  const planned = planColumns(header.values.map(cleanValue), choices);
  if (!planned.ok) {
    await records.return(undefined);
    return { ok: false, problems: planned.problems.map((problem) => ({ record: headerRecord, ...problem })) };
  }
  const plan = planned.plan;

  async function* outcomes(): AsyncGenerator<RecordOutcome> {
    try {
      for await (const { record, values } of records) yield rowFromRecord(plan, values, record);
    } catch (error) {
      yield { kind: "problems", problems: [problemFromFileError(error)] };
    }
  }
  return { ok: true, plan, outcomes: outcomes() };
}

/** Reads `--encoding` and `--delimiter`; prints the problem and returns undefined when one is invalid. Shared with `enroll`. */
export function fileOptionsFromFlags(io: CommandIo, lang: Settings["lang"], flags: { encoding?: string; delimiter?: string }): RosterFileOptions | undefined {
  const encoding = flags.encoding === undefined ? undefined : parseEncodingName(flags.encoding);
  if (flags.encoding !== undefined && !encoding) {
    invalidFlag(io, lang, "--encoding", flags.encoding, ROSTER_ENCODINGS.join(", "));
    return undefined;
  }
  const delimiter = flags.delimiter === undefined ? undefined : parseDelimiterName(flags.delimiter);
  if (flags.delimiter !== undefined && !delimiter) {
    invalidFlag(io, lang, "--delimiter", flags.delimiter, "comma, semicolon, tab, pipe");
    return undefined;
  }
  return { encoding, delimiter };
}

/**
 * Resolves a roster file argument against the working folder. Prints why and
 * returns undefined when it names a folder or nothing. Shared with `enroll`.
 */
export function rosterFilePath(io: CommandIo, lang: Settings["lang"], fileArgument: string): string | undefined {
  const path = resolve(io.cwd, fileArgument);
  if (existsSync(path) && statSync(path).isDirectory()) {
    io.err(cliText(lang, "pathIsFolder", { name: fileArgument, example: "students.csv" }));
    return undefined;
  }
  if (!existsSync(path) || !statSync(path).isFile()) {
    io.err(cliText(lang, "fileNotFound", { name: fileArgument }));
    return undefined;
  }
  return path;
}

/** Prints the problems of a file that changed nothing, and returns the failure status. Shared with `enroll`. */
export function printProblems(io: CommandIo, lang: Settings["lang"], problems: RowProblem[], total: number): ExitCode {
  io.err(cliText(lang, "importProblems", { count: total }));
  // Problems are found in several passes (each row, then duplicates across rows), so they are sorted into file order.
  const inFileOrder = problems.toSorted((a, b) => a.record - b.record);
  for (const problem of inFileOrder) io.err(`  ${formatRowProblem(problem, lang)}`);
  if (total > problems.length) io.err(`  ${cliText(lang, "moreProblems", { count: total - problems.length })}`);
  return EXIT.failed;
}

function printReport(io: CommandIo, lang: Settings["lang"], report: ImportReport): ExitCode {
  if (report.lockedBy) {
    io.err(cliText(lang, "importLocked", { pid: report.lockedBy.pid, host: report.lockedBy.host }));
    return EXIT.failed;
  }
  const counts = {
    added: report.added,
    updated: report.updated,
    unchanged: report.unchanged,
    disabled: report.disabled,
    skipped: report.skipped,
    rejected: report.rejected,
  };
  if (report.problemCount > 0) {
    io.out(cliText(lang, "importCounts", counts));
    return printProblems(io, lang, report.problems, report.problemCount);
  }

  io.out(cliText(lang, report.dryRun ? "importDryRun" : "importDone", counts));
  if (report.disabledExamples.length > 0) {
    const more = report.disabled > report.disabledExamples.length ? ", …" : "";
    io.out(cliText(lang, report.dryRun ? "wouldDisable" : "disabledStudents", { count: report.disabled, identifiers: report.disabledExamples.join(", ") + more }));
  }
  if (report.dryRun && report.withoutSecret > 0) {
    const more = report.withoutSecret > report.withoutSecretExamples.length ? ", …" : "";
    io.out(cliText(lang, "emptySecretCells", { count: report.withoutSecret, identifiers: report.withoutSecretExamples.join(", ") + more }));
  }
  if (report.hashed > 0) {
    const perSecond = (report.hashed / Math.max(report.hashSeconds, 0.001)).toFixed(1);
    io.out(cliText(lang, "importHashed", { count: report.hashed, seconds: report.hashSeconds.toFixed(1), perSecond }));
  }
  if (report.preview.length > 0) {
    io.out(cliText(lang, "importPreview", { count: report.preview.length }));
    for (const row of report.preview) io.out(`  ${JSON.stringify(row)}`);
  }
  return EXIT.ok;
}

/**
 * Warns when active students have no secret: they are admitted on their
 * identifier alone, which is intended for some exams and a mistake for others
 * (an empty secret cell in a re-import clears the stored secret).
 */
async function warnAboutStudentsWithoutSecret(io: CommandIo, lang: Settings["lang"], db: Database): Promise<void> {
  const [row] = await db
    .select({ total: count() })
    .from(students)
    .where(and(isNull(students.secretHash), eq(students.disabled, false)));
  if (row && row.total > 0) io.out(cliText(lang, "studentsWithoutSecret", { count: row.total }));
}

function invalidFlag(io: CommandIo, lang: Settings["lang"], flag: string, value: string, expected: string): ExitCode {
  io.err(cliText(lang, "invalidFlag", { flag, value: JSON.stringify(value), expected }));
  return EXIT.usage;
}

function splitOnce(text: string, separator: string): [string, string] {
  const index = text.indexOf(separator);
  if (index === -1) return [text.trim().toLowerCase(), ""];
  return [text.slice(0, index).trim().toLowerCase(), text.slice(index + 1).trim()];
}
