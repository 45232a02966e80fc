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
    sw: "kichwa hakina safu ya identifier; ongeza safu yenye jina identifier",
    en: "the header has no identifier column; add a column named identifier",
  },
  duplicate_column: { sw: "safu hii imetokea mara mbili kwenye kichwa", en: "this column appears twice in the header" },
  empty_file: { sw: "faili ni tupu; linahitaji mstari wa vichwa na wanafunzi", en: "the file is empty; it needs a header row and students" },
};

/** One problem as `record 12, email: invalid_email — not a valid email address ("x@")`. */
export function formatRowProblem(problem: RowProblem, lang: OperatorLanguage): string {
  const where = [problem.record > 0 ? (lang === "sw" ? `rekodi ${problem.record}` : `record ${problem.record}`) : undefined, problem.column]
    .filter(Boolean)
    .join(", ");
  const template = PROBLEM_TEXT[problem.code][lang];
  const explanation = template.replace("{detail}", problem.detail ?? "");
  const value = problem.detail && !template.includes("{detail}") ? ` (${JSON.stringify(problem.detail)})` : "";
  return `${where ? where + ": " : ""}${problem.code} — ${explanation}${value}`;
}
