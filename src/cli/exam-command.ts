import { parseArgs } from "node:util";
import { exams } from "../db/schema";
import { parseFieldRoles } from "../roster/field-roles";
import { cliText } from "./cli-text";
import { EXIT, type CommandIo, type ExitCode } from "./command-io";
import { openMigratedDatabase, settingsOrReport } from "./startup";

export const EXAM_HELP = {
  sw: `Matumizi: mlango exam set EXAM_ID --fields JUKUMU,JUKUMU,... [--require-enrollment]

Inaweka maana ya kila sehemu ya ukurasa wa kukaribisha wa mtihani mmoja, kwa mpangilio wa ukurasa.
Majukumu: identifier (namba ya mwanafunzi), email, secret (nenosiri, PIN), ignore (puuza).
Mfano: mlango exam set math-2026 --fields email,ignore,secret
Bila mpangilio wa mtihani, MLANGO_FIELDS inatumika (kawaida identifier,secret).

  --require-enrollment   ruhusu wanafunzi waliosajiliwa kwa mtihani huu tu`,
  en: `Usage: mlango exam set EXAM_ID --fields ROLE,ROLE,... [--require-enrollment]

Sets what each welcome-page field of one exam means, in page order.
Roles: identifier (student number), email, secret (password, PIN), ignore.
Example: mlango exam set math-2026 --fields email,ignore,secret
Exams without their own mapping use MLANGO_FIELDS (default identifier,secret).

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
  if (action !== "set" || !examId?.trim()) {
    io.err(cliText(lang, "missingArgument", { name: "set EXAM_ID", command: "exam" }));
    return EXIT.usage;
  }
  if (!values.fields) {
    io.err(cliText(lang, "missingArgument", { name: "--fields", command: "exam" }));
    return EXIT.usage;
  }
  const roles = parseFieldRoles(values.fields);
  if (!roles.ok) {
    io.err(cliText(lang, "fieldsInvalid", { reason: roles.reason }));
    return EXIT.usage;
  }

  const handle = await openMigratedDatabase(io, settings);
  if (!handle) return EXIT.failed;
  try {
    const fieldRoles = roles.roles.join(",");
    const enrollmentRequired = values["require-enrollment"] ?? false;
    await handle.db
      .insert(exams)
      .values({ examId, fieldRoles, enrollmentRequired, updatedAt: Date.now() })
      .onConflictDoUpdate({ target: exams.examId, set: { fieldRoles, enrollmentRequired, updatedAt: Date.now() } });
    io.out(cliText(lang, "examSaved", { name: examId, fields: fieldRoles, enrollment: enrollmentRequired ? cliText(lang, "enrollmentRequired") : "" }));
    return EXIT.ok;
  } finally {
    handle.close();
  }
}
