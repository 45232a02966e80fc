import { readFileSync } from "node:fs";
import { STUDENT_REASONS, WAIT_PLACEHOLDER, type MessageCatalog, type StudentReason } from "./student-messages";

/** One problem in the override file, in both operator languages. */
export interface OverrideProblem {
  sw: string;
  en: string;
}

export type OverridesResult = { ok: true; catalog: MessageCatalog } | { ok: false; problems: OverrideProblem[] };

const LANGUAGE_CODE = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i;
const MAX_TEXT_LENGTH = 500;

/**
 * Reads the school's JSON file of student messages, shaped
 * `{ "sw": { "wrong_credentials": "..." }, "pt-BR": { "busy": "..." } }`.
 * Every language and reason is optional; unknown reasons, empty texts and
 * placeholders other than `{wait}` are problems, so a typo fails at start
 * instead of leaving the built-in text in place unnoticed.
 */
export function readStudentMessageOverrides(path: string): OverridesResult {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "not found" : (error as Error).message;
    return fail({ sw: `faili ${path} halisomeki (${reason})`, en: `the file ${path} cannot be read (${reason})` });
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const reason = (error as Error).message;
    return fail({ sw: `faili ${path} si JSON sahihi (${reason})`, en: `the file ${path} is not valid JSON (${reason})` });
  }
  if (!isPlainObject(parsed)) {
    return fail({
      sw: `faili ${path} lazima liwe kitu cha JSON chenye misimbo ya lugha, kwa mfano {"sw": {"busy": "..."}}`,
      en: `the file ${path} must be a JSON object keyed by language code, for example {"sw": {"busy": "..."}}`,
    });
  }

  const problems: OverrideProblem[] = [];
  const catalog: MessageCatalog = {};
  for (const [code, texts] of Object.entries(parsed)) {
    const languageTexts = checkLanguage(code, texts, problems);
    if (languageTexts) catalog[code.toLowerCase()] = languageTexts;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, catalog };
}

function checkLanguage(code: string, texts: unknown, problems: OverrideProblem[]): Partial<Record<StudentReason, string>> | undefined {
  if (!LANGUAGE_CODE.test(code)) {
    problems.push({
      sw: `"${code}" si msimbo wa lugha; tumia msimbo kama sw, en au pt-BR`,
      en: `"${code}" is not a language code; use a code such as sw, en or pt-BR`,
    });
    return undefined;
  }
  if (!isPlainObject(texts)) {
    problems.push({ sw: `"${code}" lazima iwe kitu cha JSON cha sababu na maandishi`, en: `"${code}" must be a JSON object of reasons and texts` });
    return undefined;
  }

  const result: Partial<Record<StudentReason, string>> = {};
  for (const [reason, value] of Object.entries(texts)) {
    const where = `"${code}"."${reason}"`;
    if (!(STUDENT_REASONS as readonly string[]).includes(reason)) {
      problems.push({
        sw: `${where}: sababu isiyojulikana; sababu zilizopo ni ${STUDENT_REASONS.join(", ")}`,
        en: `${where}: unknown reason; the reasons are ${STUDENT_REASONS.join(", ")}`,
      });
      continue;
    }
    if (typeof value !== "string" || value.trim() === "") {
      problems.push({ sw: `${where}: lazima yawe maandishi yasiyo matupu`, en: `${where}: must be a non-empty text` });
      continue;
    }
    if (value.length > MAX_TEXT_LENGTH) {
      problems.push({ sw: `${where}: ni marefu kuliko herufi ${MAX_TEXT_LENGTH}`, en: `${where}: is longer than ${MAX_TEXT_LENGTH} characters` });
      continue;
    }
    const unknownPlaceholder = (value.match(/\{[^}]*\}/g) ?? []).find((placeholder) => placeholder !== WAIT_PLACEHOLDER);
    if (unknownPlaceholder) {
      problems.push({
        sw: `${where}: kishika nafasi ${unknownPlaceholder} hakijulikani; kinachoruhusiwa ni ${WAIT_PLACEHOLDER} tu (muda wa kusubiri)`,
        en: `${where}: unknown placeholder ${unknownPlaceholder}; only ${WAIT_PLACEHOLDER} (the time to wait) is allowed`,
      });
      continue;
    }
    result[reason as StudentReason] = value;
  }
  return result;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function fail(problem: OverrideProblem): OverridesResult {
  return { ok: false, problems: [problem] };
}
