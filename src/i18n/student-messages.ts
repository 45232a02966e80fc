import { BUILT_IN_STUDENT_MESSAGES, MINUTES_WORDS } from "./student-message-texts";

/**
 * The `errorMessage` texts a student reads on the exam's welcome page, in the
 * student's `choosenLang`. Every built-in language carries every reason; a test
 * checks it. A school may replace or add texts from a file (see message-overrides.ts).
 */
export const STUDENT_REASONS = ["wrong_credentials", "missing_field", "not_enrolled", "account_disabled", "locked", "busy"] as const;
export type StudentReason = (typeof STUDENT_REASONS)[number];

/** Texts by language code (lower case) and reason; an override file may leave reasons out. */
export type MessageCatalog = Record<string, Partial<Record<StudentReason, string>>>;

export const STUDENT_MESSAGES = BUILT_IN_STUDENT_MESSAGES;

/** The one placeholder a text may contain: the remaining lock time, filled in for `locked`. */
export const WAIT_PLACEHOLDER = "{wait}";

const FALLBACK_LANGUAGE = "en";

export interface StudentMessages {
  /** The language code whose texts answer `requested`, as recorded in the audit. */
  language(requested: unknown): string;
  /** The text for `reason`; `waitMs` fills `{wait}` in the `locked` text. */
  message(reason: StudentReason, requested: unknown, waitMs?: number): string;
}

/**
 * Builds the message lookup over the built-in texts with `overrides` laid on
 * top. A language only in the overrides falls back to English for reasons it
 * leaves out.
 */
export function createStudentMessages(overrides: MessageCatalog = {}): StudentMessages {
  const catalog: MessageCatalog = {};
  for (const [code, texts] of Object.entries(BUILT_IN_STUDENT_MESSAGES)) catalog[code] = { ...texts };
  for (const [code, texts] of Object.entries(overrides)) catalog[code.toLowerCase()] = { ...catalog[code.toLowerCase()], ...texts };

  const language = (requested: unknown) => resolveLanguage(catalog, requested);
  return {
    language,
    message(reason, requested, waitMs = 0) {
      const code = language(requested);
      const text = catalog[code]?.[reason] ?? BUILT_IN_STUDENT_MESSAGES[FALLBACK_LANGUAGE]![reason];
      return text.replaceAll(WAIT_PLACEHOLDER, formatWait(code, waitMs));
    },
  };
}

const builtInMessages = createStudentMessages();

/** The built-in message for `reason` in the language chosen for `requested`. */
export function studentMessage(reason: StudentReason, requested: unknown, waitMs?: number): string {
  return builtInMessages.message(reason, requested, waitMs);
}

/**
 * Picks the message language for a `choosenLang` value: the exact code, then its
 * primary language (`pt-BR` → `pt`), then English. Codes match without regard
 * to case or to `_` versus `-`.
 */
function resolveLanguage(catalog: MessageCatalog, requested: unknown): string {
  if (typeof requested !== "string") return FALLBACK_LANGUAGE;
  const code = requested.trim().toLowerCase().replaceAll("_", "-");
  if (code in catalog) return code;
  const primary = code.split("-")[0] ?? "";
  if (primary in catalog) return primary;
  return FALLBACK_LANGUAGE;
}

const minuteFormats = new Map<string, Intl.NumberFormat>();

/** Whole minutes, rounded up and at least 1, with the unit in the language of `code` ("5 minutes", "dakika 5"). */
function formatWait(code: string, waitMs: number): string {
  const minutes = Math.max(1, Math.ceil(waitMs / 60_000));
  const primary = code.split("-")[0]!;
  const words = MINUTES_WORDS[primary];
  if (words) return words(minutes);

  let format = minuteFormats.get(code);
  if (!format) {
    format = new Intl.NumberFormat(localeFor(code), { style: "unit", unit: "minute", unitDisplay: "long" });
    minuteFormats.set(code, format);
  }
  return format.format(minutes);
}

/** `code` when ICU knows it; English for codes it lacks and for tags it rejects as malformed (a school may add any code). */
function localeFor(code: string): string {
  try {
    return Intl.NumberFormat.supportedLocalesOf([code]).length > 0 ? code : FALLBACK_LANGUAGE;
  } catch {
    return FALLBACK_LANGUAGE;
  }
}
