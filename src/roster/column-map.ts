import type { PresentFields } from "./roster-staging";

/**
 * Maps a roster file's header to the fields Mlango stores. Header names are
 * compared after folding case and dropping accents, spaces, underscores and
 * punctuation, so `Matric No.`, `matric_no` and `MATRIC NO` are one name.
 */

/** Roles a column can fill. */
export const COLUMN_ROLES = [
  "identifier",
  "secret",
  "date-of-birth",
  "name",
  "first-name",
  "middle-name",
  "last-name",
  "email",
  "photo",
  "about",
  "exams",
] as const;
export type ColumnRole = (typeof COLUMN_ROLES)[number];

/** Folded header names per role, in order of preference when a file has several. */
const ROLE_ALIASES: Record<ColumnRole, string[]> = {
  identifier: [
    "identifier",
    "matricno",
    "matricnumber",
    "matric",
    "matriculationnumber",
    "matriculationno",
    "regno",
    "registrationnumber",
    "registrationno",
    "regnumber",
    "admissionnumber",
    "admissionno",
    "admno",
    "indexnumber",
    "indexno",
    "studentid",
    "studentnumber",
    "studentno",
    "candidatenumber",
    "username",
    "userid",
    "loginid",
    "login",
    "id",
  ],
  secret: ["secret", "password", "passwd", "pin", "pincode", "passcode", "nenosiri"],
  "date-of-birth": ["dateofbirth", "dob", "birthdate", "birthday", "birthdate", "tareheyakuzaliwa"],
  name: ["name", "fullname", "studentname", "names", "jina", "jinakamili"],
  "first-name": ["firstname", "givenname", "forename", "first", "othernames", "othername"],
  "middle-name": ["middlename", "middle", "middlenames", "othernames", "othername"],
  "last-name": ["lastname", "surname", "familyname", "last", "jinalaukoo"],
  email: ["email", "emailaddress", "mail", "barapepe", "baruapepe"],
  photo: ["photo", "photourl", "picture", "image", "picha"],
  about: ["about"],
  exams: ["exams", "examids", "exam", "enrolledexams", "enrollment", "enrollments", "mitihani"],
};

/** Extra columns that are recognised under a canonical key in `metadata.data`. */
const DATA_ALIASES: Record<string, string[]> = {
  class: ["class", "classname", "darasa"],
  form: ["form", "grade", "level", "kidato"],
  stream: ["stream", "mkondo"],
};

/** Lower-case, accents dropped, only letters and digits. */
export function foldHeader(header: string): string {
  return header
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");
}

/** The column index that feeds each field, and the extra columns that go into `metadata.data`. */
export interface ColumnPlan {
  header: string[];
  /** Fields a record must have: the header up to its last named column, since some exports end the header with a delimiter. */
  width: number;
  identifier: number;
  /** Columns whose values are joined with spaces into `name`, in order. */
  name: number[];
  secret?: number;
  secretKind: "text" | "date";
  email?: number;
  photo?: number;
  about?: number;
  exams?: number;
  /** `[key in metadata.data, column index]`. */
  data: [string, number][];
  /** Whether `--data` chose the data columns, so that an empty choice clears stored data. */
  dataChosen: boolean;
  /** Set for a 1EdTech OneRoster 1.1 users.csv. */
  oneRoster?: { role: number; status?: number; enabledUser?: number };
}

export type ColumnPlanResult = { ok: true; plan: ColumnPlan } | { ok: false; problems: { column?: string; code: "missing_identifier_column" | "duplicate_column" | "unknown_column"; detail?: string }[] };

export interface ColumnChoices {
  /** Explicit `role → header` mappings that win over the aliases. */
  explicit: Partial<Record<ColumnRole, string>>;
  /** Headers to pass on in `metadata.data`; undefined means every extra column, `[]` none. */
  data?: string[];
}

const ONE_ROSTER_HEADERS = ["sourcedid", "enableduser", "role", "username", "givenname", "familyname"];

/**
 * Plans which column feeds which field. Explicit choices win; then, for a
 * OneRoster users.csv, its own column names; then the aliases, taking the
 * first alias in preference order that the header has. A student with no
 * identifier-like column but an email column logs in by email.
 */
export function planColumns(header: string[], choices: ColumnChoices): ColumnPlanResult {
  const folded = header.map(foldHeader);
  const problems: Extract<ColumnPlanResult, { ok: false }>["problems"] = [];

  const seen = new Map<string, number>();
  folded.forEach((name, index) => {
    if (name !== "" && seen.has(name)) problems.push({ column: header[index], code: "duplicate_column" });
    seen.set(name, index);
  });

  const indexOf = (wanted: string): number | undefined => {
    const exact = header.indexOf(wanted);
    if (exact !== -1) return exact;
    return seen.get(foldHeader(wanted));
  };

  const chosen = new Map<ColumnRole, number>();
  for (const [role, wanted] of Object.entries(choices.explicit) as [ColumnRole, string][]) {
    const index = indexOf(wanted);
    if (index === undefined) problems.push({ column: wanted, code: "unknown_column", detail: header.join(", ") });
    else chosen.set(role, index);
  }

  const oneRoster = ONE_ROSTER_HEADERS.every((name) => seen.has(name));
  const aliases = oneRoster ? oneRosterAliases() : ROLE_ALIASES;
  const used = new Set(chosen.values());
  for (const role of COLUMN_ROLES) {
    if (chosen.has(role)) continue;
    if (role === "date-of-birth" && chosen.has("secret")) continue;
    if (role === "secret" && chosen.has("date-of-birth")) continue;
    const index = aliases[role]?.map((alias) => seen.get(alias)).find((candidate) => candidate !== undefined && !used.has(candidate));
    if (index === undefined) continue;
    chosen.set(role, index);
    used.add(index);
  }
  // A password column beats a date of birth: the date of birth then stays an extra column.
  if (chosen.has("secret") && chosen.has("date-of-birth") && choices.explicit["date-of-birth"] === undefined) {
    used.delete(chosen.get("date-of-birth")!);
    chosen.delete("date-of-birth");
  }
  if (!chosen.has("identifier") && chosen.has("email")) chosen.set("identifier", chosen.get("email")!);
  if (!chosen.has("identifier")) problems.push({ column: "identifier", code: "missing_identifier_column", detail: header.join(", ") });

  if (problems.length > 0) return { ok: false, problems };

  const nameParts = chosen.has("name") ? [chosen.get("name")!] : (["first-name", "middle-name", "last-name"] as const).flatMap((role) => (chosen.has(role) ? [chosen.get(role)!] : []));
  const secret = chosen.get("secret") ?? chosen.get("date-of-birth");
  const plan: ColumnPlan = {
    header,
    width: folded.findLastIndex((name) => name !== "") + 1,
    identifier: chosen.get("identifier")!,
    name: nameParts,
    secret,
    secretKind: chosen.has("date-of-birth") ? "date" : "text",
    email: chosen.get("email"),
    photo: chosen.get("photo"),
    about: chosen.get("about"),
    exams: chosen.get("exams"),
    data: [],
    dataChosen: choices.data !== undefined,
  };
  if (oneRoster) {
    plan.oneRoster = { role: seen.get("role")!, status: seen.get("status"), enabledUser: seen.get("enableduser") };
  }

  const dataResult = planDataColumns(header, folded, used, choices.data, oneRoster, indexOf);
  if (!dataResult.ok) return { ok: false, problems: dataResult.problems };
  plan.data = dataResult.data;
  return { ok: true, plan };
}

/**
 * By default every column not used for a field goes into `metadata.data`
 * (class, form and stream under those keys), except secrets and, in a
 * OneRoster file, its bookkeeping columns. `--data` lists the columns instead.
 */
function planDataColumns(
  header: string[],
  folded: string[],
  used: Set<number>,
  wanted: string[] | undefined,
  oneRoster: boolean,
  indexOf: (wanted: string) => number | undefined,
): { ok: true; data: [string, number][] } | { ok: false; problems: { column?: string; code: "unknown_column"; detail?: string }[] } {
  const keyFor = (index: number) => canonicalDataKey(folded[index]!) ?? header[index]!.trim();

  if (wanted !== undefined) {
    const problems = wanted.filter((name) => indexOf(name) === undefined).map((name) => ({ column: name, code: "unknown_column" as const, detail: header.join(", ") }));
    if (problems.length > 0) return { ok: false, problems };
    return { ok: true, data: wanted.map((name) => [keyFor(indexOf(name)!), indexOf(name)!]) };
  }

  const sensitive = new Set([...ROLE_ALIASES.secret, ...ROLE_ALIASES["date-of-birth"]]);
  const data: [string, number][] = [];
  header.forEach((name, index) => {
    if (used.has(index) || folded[index] === "" || sensitive.has(folded[index]!)) return;
    if (oneRoster && folded[index] !== "grades") return;
    data.push([keyFor(index), index]);
  });
  return { ok: true, data };
}

function canonicalDataKey(folded: string): string | undefined {
  return Object.entries(DATA_ALIASES).find(([, aliases]) => aliases.includes(folded))?.[0];
}

/** OneRoster 1.1 users.csv: `username` is the login; `identifier` is optional there, so it is not used. */
function oneRosterAliases(): Partial<Record<ColumnRole, string[]>> {
  return {
    identifier: ["username"],
    secret: ["password"],
    "first-name": ["givenname"],
    "middle-name": ["middlename"],
    "last-name": ["familyname"],
    email: ["email"],
  };
}

/** Describes a plan for the import report, e.g. `identifier ← "Matric No", name ← "First Name" + "Surname"`. */
export function describePlan(plan: ColumnPlan): string {
  const quote = (index: number) => JSON.stringify(plan.header[index]);
  const parts: string[] = [`identifier ← ${quote(plan.identifier)}`];
  if (plan.secret !== undefined) parts.push(`secret ← ${quote(plan.secret)}${plan.secretKind === "date" ? " (date)" : ""}`);
  if (plan.name.length > 0) parts.push(`name ← ${plan.name.map(quote).join(" + ")}`);
  for (const field of ["email", "photo", "about", "exams"] as const) {
    const index = plan[field];
    if (index !== undefined) parts.push(`${field} ← ${quote(index)}`);
  }
  parts.push(`data ← ${plan.data.length > 0 ? plan.data.map(([, index]) => quote(index)).join(", ") : "-"}`);
  if (plan.oneRoster) parts.push("OneRoster users.csv");
  return parts.join(", ");
}

/** Which optional fields a plan fills; the import leaves the others as stored. */
export function presentFields(plan: ColumnPlan): PresentFields {
  return {
    secret: plan.secret !== undefined,
    name: plan.name.length > 0,
    email: plan.email !== undefined,
    photo: plan.photo !== undefined,
    about: plan.about !== undefined,
    data: plan.data.length > 0 || plan.dataChosen,
    exams: plan.exams !== undefined,
  };
}
