import { parseArgs } from "node:util";
import { eq, inArray } from "drizzle-orm";
import { enrollments, exams, students } from "../db/schema";
import { planColumns } from "../roster/column-map";
import { identifierKey } from "../roster/identifier";
import { MAX_REPORTED_PROBLEMS } from "../roster/import-roster";
import { openRosterFile, problemFromFileError } from "../roster/roster-file";
import { cleanValue, type RowProblem } from "../roster/roster-rows";
import { cliText } from "./cli-text";
import { EXIT, type CommandIo, type ExitCode } from "./command-io";
import { fileOptionsFromFlags, printProblems, rosterFilePath } from "./import-command";
import { openMigratedDatabase, settingsOrReport } from "./startup";

export const ENROLL_HELP = {
  sw: `Matumizi: mlango enroll EXAM_ID FAILI.csv [--replace] [--encoding JINA] [--delimiter K] [--column identifier=KICHWA]

Inasajili kwa mtihani EXAM_ID wanafunzi walioorodheshwa kwenye faili (safu ya kitambulisho
inatambuliwa kama kwenye mlango import). Kila kitambulisho lazima kiwe kwenye orodha ya wanafunzi;
kimoja kisichojulikana, hakuna kinachobadilishwa. Usajili unatumika tu kwa mtihani uliowekwa
--require-enrollment (mlango exam set).

  --replace   ondoa kwanza usajili wote wa mtihani huu, ili faili liwe orodha kamili`,
  en: `Usage: mlango enroll EXAM_ID FILE.csv [--replace] [--encoding NAME] [--delimiter D] [--column identifier=HEADER]

Enrolls the students listed in the file in exam EXAM_ID (the identifier column is recognised as
by mlango import). Every identifier must be on the roster; one unknown identifier and nothing is
changed. Enrollment is enforced only for exams set with --require-enrollment (mlango exam set).

  --replace   first remove every enrollment of this exam, so the file becomes the full list`,
};

const LOOKUP_BATCH = 500;

export async function enrollCommand(io: CommandIo, args: string[]): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      replace: { type: "boolean", default: false },
      encoding: { type: "string" },
      delimiter: { type: "string" },
      column: { type: "string", multiple: true },
    },
  });
  const settings = settingsOrReport(io, { forServe: false });
  if (!settings) return EXIT.usage;
  const lang = settings.lang;

  const [examArgument, fileArgument] = positionals;
  const examId = examArgument?.trim();
  if (!examId || !fileArgument) {
    io.err(cliText(lang, "missingArgument", { name: lang === "sw" ? "EXAM_ID FAILI.csv" : "EXAM_ID FILE.csv", command: "enroll" }));
    return EXIT.usage;
  }
  const fileOptions = fileOptionsFromFlags(io, lang, values);
  if (!fileOptions) return EXIT.usage;
  const identifierColumn = (values.column ?? []).map((mapping) => /^identifier=(.+)$/i.exec(mapping.trim())?.[1]).find(Boolean);

  const path = rosterFilePath(io, lang, fileArgument);
  if (path === undefined) return EXIT.failed;

  const handle = await openMigratedDatabase(io, settings);
  if (!handle) return EXIT.failed;
  const db = handle.db;
  try {
    const file = await openRosterFile(path, fileOptions);
    const problems: RowProblem[] = [];
    let problemCount = 0;
    const addProblem = (problem: RowProblem) => {
      problemCount += 1;
      if (problems.length < MAX_REPORTED_PROBLEMS) problems.push(problem);
    };
    // NOTE: the ids of one exam's students are held in memory; an exam list is far smaller than a roster.
    const studentIds = new Set<number>();
    let pending: { record: number; identifier: string }[] = [];
    const resolvePending = async () => {
      const keys = pending.map((item) => identifierKey(item.identifier, settings.identifierCaseSensitive));
      const found = await db.select({ id: students.id, key: students.identifierKey }).from(students).where(inArray(students.identifierKey, keys));
      const idByKey = new Map(found.map((row) => [row.key, row.id]));
      pending.forEach((item, index) => {
        const id = idByKey.get(keys[index]!);
        if (id === undefined) addProblem({ record: item.record, column: "identifier", code: "unknown_student", detail: item.identifier });
        else studentIds.add(id);
      });
      pending = [];
    };

    let identifierIndex: number | undefined;
    try {
      for await (const { record, values: fields } of file.records()) {
        if (identifierIndex === undefined) {
          const planned = planColumns(fields.map(cleanValue), { explicit: identifierColumn ? { identifier: identifierColumn } : {}, data: [] });
          if (!planned.ok) {
            planned.problems.forEach((problem) => addProblem({ record: 1, ...problem }));
            break;
          }
          identifierIndex = planned.plan.identifier;
          continue;
        }
        const identifier = cleanValue(fields[identifierIndex]);
        if (identifier === "") continue;
        pending.push({ record, identifier });
        if (pending.length >= LOOKUP_BATCH) await resolvePending();
      }
      if (pending.length > 0) await resolvePending();
    } catch (error) {
      addProblem(problemFromFileError(error));
    }

    if (problemCount > 0) return printProblems(io, lang, problems, problemCount);

    const ids = [...studentIds];
    const before = await db.$count(enrollments, eq(enrollments.examId, examId));
    await db.transaction(
      async (tx) => {
        if (values.replace) await tx.delete(enrollments).where(eq(enrollments.examId, examId));
        for (let start = 0; start < ids.length; start += LOOKUP_BATCH) {
          const rows = ids.slice(start, start + LOOKUP_BATCH).map((studentId) => ({ examId, studentId }));
          await tx.insert(enrollments).values(rows).onConflictDoNothing();
        }
      },
      { behavior: "immediate" },
    );
    const after = await db.$count(enrollments, eq(enrollments.examId, examId));

    io.out(cliText(lang, "enrollDone", { exam: examId, listed: ids.length, total: after, added: values.replace ? ids.length : after - before }));
    const exam = await db.query.exams.findFirst({ where: eq(exams.examId, examId), columns: { enrollmentRequired: true } });
    if (!exam?.enrollmentRequired) io.out(cliText(lang, "enrollNotRequired", { exam: examId }));
    return EXIT.ok;
  } finally {
    handle.close();
  }
}

