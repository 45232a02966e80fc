import type { OperatorLanguage } from "../i18n/operator-language";
import type { RowProblem, RowProblemCode } from "./roster-rows";

const PROBLEM_TEXT: Record<RowProblemCode, Record<OperatorLanguage, string>> = {
  missing_identifier: {
    sw: "kitambulisho hakipo; kila mwanafunzi anahitaji kitambulisho",
    en: "the identifier is empty; every student needs one",
  },
  invalid_email: { sw: "barua pepe si sahihi", en: "not a valid email address" },
  invalid_photo_url: {
    sw: "kiungo cha picha lazima kianze na http:// au https://",
    en: "the photo link must start with http:// or https://",
  },
  duplicate_identifier: { sw: "kitambulisho hiki kimeshatokea kwenye rekodi {detail}", en: "this identifier already appears in record {detail}" },
  invalid_date: {
    sw: "tarehe si sahihi; andika kama 2008-03-12 au 12/03/2008",
    en: "not a valid date; write it as 2008-03-12 or 12/03/2008",
  },
  malformed_csv: { sw: "CSV imeharibika: {detail}", en: "malformed CSV: {detail}" },
  missing_identifier_column: {
    sw: "kichwa hakina safu ya kitambulisho (identifier, matric no, reg no, admission number, username, email...); ipe jina hilo au tumia --column identifier=JINA (vichwa: {detail})",
    en: "the header has no identifier column (identifier, matric no, reg no, admission number, username, email...); rename it or pass --column identifier=NAME (headers: {detail})",
  },
  duplicate_column: { sw: "safu hii imetokea mara mbili kwenye kichwa", en: "this column appears twice in the header" },
  unknown_column: { sw: "kichwa hakina safu hii; vichwa vilivyopo: {detail}", en: "the header has no such column; the headers are: {detail}" },
  field_count: {
    sw: "idadi ya sehemu (rekodi/kichwa) ni {detail}; huenda kitenganishi si sahihi (tumia --delimiter) au nukuu haijafungwa",
    en: "the record has {detail} fields (record/header); the delimiter may be wrong (pass --delimiter) or a quote left open",
  },
  invalid_character: {
    sw: "thamani ina herufi ya udhibiti (kama NUL); hifadhi faili upya kama CSV UTF-8",
    en: "the value contains a control character (such as NUL); save the file again as CSV UTF-8",
  },
  invalid_encoding: {
    sw: "faili si {detail} kote; huenda lina usimbaji mchanganyiko. Taja usimbaji kwa --encoding (kwa mfano windows-1252) au hifadhi kama CSV UTF-8",
    en: "the file is not {detail} throughout; it may mix encodings. Name the encoding with --encoding (for example windows-1252) or save it as CSV UTF-8",
  },
  spreadsheet_damage: {
    sw: "thamani imeharibiwa na programu ya jedwali (imesomwa kama namba); weka safu hii kama Text kisha uhamishe tena kutoka mfumo wa shule",
    en: "a spreadsheet changed this value by reading it as a number; format the column as Text and export it again from the school system",
  },
  unknown_student: {
    sw: "hakuna mwanafunzi mwenye kitambulisho hiki; mwingize kwanza kwa mlango import",
    en: "no student has this identifier; import the student first with mlango import",
  },
  invalid_exam_id: { sw: "kitambulisho cha mtihani ni kirefu mno (zaidi ya herufi 200)", en: "the exam id is too long (over 200 characters)" },
  empty_file: { sw: "faili ni tupu; linahitaji mstari wa vichwa na wanafunzi", en: "the file is empty; it needs a header row and students" },
};

/** Explanations of csv-parse's codes for common mistakes in CSV files. Other codes are shown as they are. */
const CSV_SYNTAX_TEXT: Record<string, Record<OperatorLanguage, string>> = {
  CSV_QUOTE_NOT_CLOSED: {
    sw: "alama ya nukuu (\") imefunguliwa na haijafungwa hadi mwisho wa faili",
    en: "a quotation mark (\") is opened and never closed before the end of the file",
  },
  CSV_INVALID_CLOSING_QUOTE: {
    sw: "baada ya nukuu inayofunga kuna herufi nyingine; nukuu iliyo ndani ya thamani iandikwe mara mbili (\"\")",
    en: "a closing quotation mark is followed by other characters; write a quotation mark inside a value twice (\"\")",
  },
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: {
    sw: "baada ya nukuu inayofunga kuna herufi nyingine; nukuu iliyo ndani ya thamani iandikwe mara mbili (\"\")",
    en: "a closing quotation mark is followed by other characters; write a quotation mark inside a value twice (\"\")",
  },
  INVALID_OPENING_QUOTE: {
    sw: "nukuu imeanza katikati ya thamani; weka thamani nzima ndani ya nukuu na uandike nukuu ya ndani mara mbili (\"\")",
    en: "a quotation mark starts in the middle of a value; put the whole value in quotes and write the inner one twice (\"\")",
  },
};

/** Formats one problem as `record 12, email: invalid_email — not a valid email address ("x@")`. */
export function formatRowProblem(problem: RowProblem, lang: OperatorLanguage): string {
  const recordWord = lang === "sw" ? "rekodi" : "record";
  const record = problem.record > 0 ? `${recordWord} ${problem.record}` : undefined;
  const where = [record, problem.column].filter(Boolean).join(", ");
  const template = PROBLEM_TEXT[problem.code][lang];
  const detail = problem.code === "malformed_csv" ? (CSV_SYNTAX_TEXT[problem.detail ?? ""]?.[lang] ?? problem.detail) : problem.detail;
  const explanation = template.replace("{detail}", detail ?? "");
  const value = problem.detail && !template.includes("{detail}") ? ` (${JSON.stringify(problem.detail)})` : "";
  return `${where ? where + ": " : ""}${problem.code} — ${explanation}${value}`;
}
