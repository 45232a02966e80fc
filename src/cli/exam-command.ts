import { asc } from "drizzle-orm";
import { parseArgs } from "node:util";
import type { Settings } from "../config/settings";
import type { Database } from "../db/client";
import { exams } from "../db/schema";
import type { OperatorLanguage } from "../i18n/operator-language";
import { parseFieldRoles, type FieldRole } from "../roster/field-roles";
import { cliText } from "./cli-text";
import { EXIT, type CommandIo, type ExitCode } from "./command-io";
import { openMigratedDatabase, settingsOrReport } from "./startup";

export const EXAM_HELP = {
  sw: `Matumizi: mlango exam set EXAM_ID --fields JUKUMU,JUKUMU,... [--require-enrollment]
          mlango exam list

set   Inaweka maana ya kila sehemu ya ukurasa wa kukaribisha wa mtihani mmoja, kwa mpangilio wa ukurasa.
      Majukumu: identifier (namba ya mwanafunzi), email, secret (nenosiri, PIN, tarehe ya kuzaliwa), ignore (puuza).
      Mwanafunzi anaweza kuandika namba yake au barua pepe yake kwenye sehemu ya identifier au email.
      Mfano: mlango exam set math-2026 --fields email,ignore,secret
      Kuendesha tena kunabadilisha mpangilio wa awali wa mtihani huo.
list  Inaonyesha mitihani yenye mpangilio wake. Bila mpangilio wa mtihani, MLANGO_FIELDS inatumika (kawaida identifier,secret).

  --require-enrollment   ruhusu wanafunzi waliosajiliwa kwa mtihani huu tu`,
  en: `Usage: mlango exam set EXAM_ID --fields ROLE,ROLE,... [--require-enrollment]
       mlango exam list

set   Sets what each welcome-page field of one exam means, in page order.
      Roles: identifier (student number), email, secret (password, PIN, date of birth), ignore.
      A student may type either the student number or the email into an identifier or email field.
      Example: mlango exam set math-2026 --fields email,ignore,secret
      Running it again replaces the exam's earlier mapping.
list  Lists the exams with their own mapping. Exams without one use MLANGO_FIELDS (default identifier,secret).

  --require-enrollment   admit only students enrolled in this exam`,
};

export async function examCommand(io: CommandIo, args: string[]): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { fields: { type: "string" }, "require-enrollment": { type: "boolean", default: false } },
  });
  const settings = settingsOrReport(io, { forServe: false });
  if (!settings) return EXIT.usage;
  const lang = settings.lang;

  const [action, examId] = positionals;
  if (action === "list") return withDatabase(io, settings, (db) => listExams(io, settings, db));
  if (action !== "set") {
    io.err(action === undefined ? cliText(lang, "missingArgument", { name: "set EXAM_ID", command: "exam" }) : cliText(lang, "examActionInvalid", { name: action }));
    return EXIT.usage;
  }
  if (!examId?.trim()) {
    io.err(cliText(lang, "missingArgument", { name: "EXAM_ID", command: "exam" }));
    return EXIT.usage;
  }
  if (!values.fields) {
    io.err(cliText(lang, "missingArgument", { name: "--fields", command: "exam" }));
    return EXIT.usage;
  }
  const roles = parseFieldRoles(values.fields);
  if (!roles.ok) {
    io.err(cliText(lang, "fieldsInvalid", { reason: roles.reason[lang] }));
    return EXIT.usage;
  }

  const enrollmentRequired = values["require-enrollment"] ?? false;
  return withDatabase(io, settings, async (db) => {
    const fieldRoles = roles.roles.join(",");
    await db
      .insert(exams)
      .values({ examId, fieldRoles, enrollmentRequired, updatedAt: Date.now() })
      .onConflictDoUpdate({ target: exams.examId, set: { fieldRoles, enrollmentRequired, updatedAt: Date.now() } });
    printExam(io, lang, examId, roles.roles, enrollmentRequired);
  });
}

async function listExams(io: CommandIo, settings: Settings, db: Database): Promise<void> {
  const rows = await db.select().from(exams).orderBy(asc(exams.examId));
  if (rows.length === 0) io.out(cliText(settings.lang, "examListEmpty"));
  for (const row of rows) {
    const parsed = parseFieldRoles(row.fieldRoles);
    printExam(io, settings.lang, row.examId, parsed.ok ? parsed.roles : [], row.enrollmentRequired);
  }
  io.out(cliText(settings.lang, "examListDefault", { fields: settings.defaultFieldRoles }));
}

function printExam(io: CommandIo, lang: OperatorLanguage, examId: string, roles: FieldRole[], enrollmentRequired: boolean): void {
  const enrollment = enrollmentRequired ? cliText(lang, "enrollmentRequired") : "";
  io.out(cliText(lang, "examSaved", { name: examId, fields: roles.join(","), enrollment }));
  roles.forEach((role, position) => io.out(cliText(lang, "examPosition", { position, role })));
}

async function withDatabase(io: CommandIo, settings: Settings, work: (db: Database) => Promise<void>): Promise<ExitCode> {
  const handle = await openMigratedDatabase(io, settings);
  if (!handle) return EXIT.failed;
  try {
    await work(handle.db);
    return EXIT.ok;
  } finally {
    handle.close();
  }
}
