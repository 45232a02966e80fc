import { z } from "zod";
import { FIELD_ROLES, parseFieldRoles } from "../roster/field-roles";

/**
 * Every setting, read from `MLANGO_*` environment variables. Each entry's
 * `fix` is the bilingual hint printed when the value is missing or invalid.
 */
interface SettingSpec {
  schema: z.ZodType;
  fix: { sw: string; en: string };
}

const booleanText = z
  .string()
  .trim()
  .toLowerCase()
  .refine((value) => ["1", "0", "true", "false", "yes", "no", "ndiyo", "hapana"].includes(value))
  .transform((value) => ["1", "true", "yes", "ndiyo"].includes(value));

const integerText = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

const requiredText = z.string().trim().min(1);

const SETTINGS = {
  MLANGO_CLIENT_ID: {
    schema: requiredText.optional(),
    fix: {
      sw: "weka client id ambayo ExamJoint inaonyesha chini ya Settings → Developer",
      en: "set it to the client id that ExamJoint shows under Settings → Developer",
    },
  },
  MLANGO_CLIENT_SECRET: {
    schema: requiredText.optional(),
    fix: {
      sw: "weka client secret ambayo ExamJoint inaonyesha chini ya Settings → Developer",
      en: "set it to the client secret that ExamJoint shows under Settings → Developer",
    },
  },
  MLANGO_ADMIN_PASSWORD: {
    schema: z.string().min(8).optional(),
    fix: {
      sw: "weka nenosiri la angalau herufi 8 la kufungua maelezo ya ukurasa wa hali",
      en: "set a password of at least 8 characters that unlocks the status page details",
    },
  },
  MLANGO_HOST: {
    schema: requiredText.default("0.0.0.0"),
    fix: {
      sw: "weka anwani ya IP ya kusikiliza, kwa mfano 0.0.0.0 au 127.0.0.1",
      en: "set the IP address to listen on, for example 0.0.0.0 or 127.0.0.1",
    },
  },
  MLANGO_PORT: {
    schema: integerText(0, 65535).default(8080),
    fix: { sw: "weka namba ya port kati ya 0 na 65535 (0 huchagua port iliyo wazi), kwa mfano 8080", en: "set a port number from 0 to 65535 (0 picks a free port), for example 8080" },
  },
  MLANGO_DATABASE_URL: {
    schema: requiredText
      .refine((value) => /^(file:|libsql:\/\/|https?:\/\/|wss?:\/\/)/.test(value))
      .default("file:data/mlango.db"),
    fix: {
      sw: "weka file:njia/ya/faili.db, au anwani ya seva ya libSQL (libsql://, http:// au https://)",
      en: "set file:path/to/file.db, or the address of a libSQL server (libsql://, http:// or https://)",
    },
  },
  MLANGO_DATABASE_AUTH_TOKEN: {
    schema: requiredText.optional(),
    fix: { sw: "weka tokeni ya seva ya libSQL, au ondoa kigezo hiki", en: "set the libSQL server token, or remove the variable" },
  },
  MLANGO_PUBLIC_URL: {
    schema: requiredText
      .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol))
      .transform((value) => value.replace(/\/+$/, ""))
      .optional(),
    fix: {
      sw: "weka anwani kamili ambayo ExamJoint inaifikia seva hii, kwa mfano https://mlango.shule.ac.tz",
      en: "set the full address at which ExamJoint reaches this server, for example https://mlango.school.ac.tz",
    },
  },
  MLANGO_LANG: {
    schema: z.string().trim().toLowerCase().pipe(z.enum(["sw", "en"])).default("sw"),
    fix: { sw: "weka sw (Kiswahili) au en (Kiingereza)", en: "set sw (Swahili) or en (English)" },
  },
  MLANGO_FIELDS: {
    schema: z
      .string()
      .refine((value) => parseFieldRoles(value).ok)
      .transform((value) => value.trim())
      .default("identifier,secret"),
    fix: {
      sw: `weka majukumu ya sehemu kwa mpangilio, yakitenganishwa kwa koma (${FIELD_ROLES.join(", ")}), kwa mfano identifier,secret`,
      en: `set the field roles in page order, separated by commas (${FIELD_ROLES.join(", ")}), for example identifier,secret`,
    },
  },
  MLANGO_IDENTIFIER_CASE_SENSITIVE: {
    schema: booleanText.default(false),
    fix: { sw: "weka true au false", en: "set true or false" },
  },
  MLANGO_MAX_BODY_BYTES: {
    schema: integerText(1024, 10 * 1024 * 1024).default(64 * 1024),
    fix: {
      sw: "weka ukubwa wa juu wa ombi kwa baiti, kati ya 1024 na 10485760",
      en: "set the largest request body in bytes, from 1024 to 10485760",
    },
  },
  MLANGO_ARGON2_MEMORY_KIB: {
    schema: integerText(1024, 4 * 1024 * 1024).default(19 * 1024),
    fix: {
      sw: "weka kumbukumbu ya argon2id kwa KiB, kati ya 1024 na 4194304 (kawaida 19456)",
      en: "set the argon2id memory in KiB, from 1024 to 4194304 (default 19456)",
    },
  },
  MLANGO_ARGON2_TIME_COST: {
    schema: integerText(1, 20).default(2),
    fix: { sw: "weka idadi ya mizunguko ya argon2id, kati ya 1 na 20 (kawaida 2)", en: "set the argon2id iterations, from 1 to 20 (default 2)" },
  },
  MLANGO_LOG_FORMAT: {
    schema: z.string().trim().toLowerCase().pipe(z.enum(["auto", "json", "pretty"])).default("auto"),
    fix: { sw: "weka auto, json au pretty", en: "set auto, json or pretty" },
  },
  // Roster import and student photos
  MLANGO_PHOTO_LINK_HOURS: {
    schema: integerText(1, 720).default(24),
    fix: {
      sw: "weka idadi ya saa ambazo kiungo cha picha ya mwanafunzi kinafanya kazi, kati ya 1 na 720 (kawaida 24)",
      en: "set how many hours a student photo link stays valid, from 1 to 720 (default 24)",
    },
  },
} satisfies Record<string, SettingSpec>;

type SettingName = keyof typeof SETTINGS;
type SettingValues = { [name in SettingName]: z.output<(typeof SETTINGS)[name]["schema"]> };

/** Settings in the shape the code uses them. */
export interface Settings {
  clientId?: string;
  clientSecret?: string;
  adminPassword?: string;
  host: string;
  port: number;
  databaseUrl: string;
  databaseAuthToken?: string;
  publicUrl?: string;
  lang: "sw" | "en";
  defaultFieldRoles: string;
  identifierCaseSensitive: boolean;
  maxBodyBytes: number;
  argon2: { memoryCost: number; timeCost: number };
  logFormat: "auto" | "json" | "pretty";
  // Roster import and student photos
  photoLinkHours: number;
}

/** One invalid or missing setting, with the fix in both languages. */
export interface SettingProblem {
  name: string;
  value?: string;
  kind: "missing" | "invalid";
  fix: { sw: string; en: string };
}

export type SettingsResult = { ok: true; settings: Settings } | { ok: false; problems: SettingProblem[] };

/** The settings `mlango serve` cannot start without. */
export const SERVE_REQUIRED: SettingName[] = ["MLANGO_CLIENT_ID", "MLANGO_CLIENT_SECRET", "MLANGO_ADMIN_PASSWORD"];

/** Names of settings whose values are secrets and must never be printed or logged. */
const SECRET_SETTINGS = new Set<string>(["MLANGO_CLIENT_SECRET", "MLANGO_ADMIN_PASSWORD", "MLANGO_DATABASE_AUTH_TOKEN"]);

/**
 * Validates the environment. Empty variables count as unset. Returns every
 * problem at once so that an operator can fix them in one pass.
 */
export function loadSettings(env: Record<string, string | undefined>, required: SettingName[] = []): SettingsResult {
  const problems: SettingProblem[] = [];
  const values: Partial<Record<SettingName, unknown>> = {};

  for (const name of Object.keys(SETTINGS) as SettingName[]) {
    const spec: SettingSpec = SETTINGS[name];
    const raw = env[name] === "" ? undefined : env[name];

    if (raw === undefined && required.includes(name)) {
      problems.push({ name, kind: "missing", fix: spec.fix });
      continue;
    }

    const parsed = spec.schema.safeParse(raw);
    if (!parsed.success) {
      problems.push({ name, kind: "invalid", value: SECRET_SETTINGS.has(name) ? undefined : raw, fix: spec.fix });
      continue;
    }
    values[name] = parsed.data;
  }

  if (problems.length > 0) return { ok: false, problems };

  const v = values as SettingValues;
  return {
    ok: true,
    settings: {
      clientId: v.MLANGO_CLIENT_ID,
      clientSecret: v.MLANGO_CLIENT_SECRET,
      adminPassword: v.MLANGO_ADMIN_PASSWORD,
      host: v.MLANGO_HOST,
      port: v.MLANGO_PORT,
      databaseUrl: v.MLANGO_DATABASE_URL,
      databaseAuthToken: v.MLANGO_DATABASE_AUTH_TOKEN,
      publicUrl: v.MLANGO_PUBLIC_URL,
      lang: v.MLANGO_LANG,
      defaultFieldRoles: v.MLANGO_FIELDS,
      identifierCaseSensitive: v.MLANGO_IDENTIFIER_CASE_SENSITIVE,
      maxBodyBytes: v.MLANGO_MAX_BODY_BYTES,
      argon2: { memoryCost: v.MLANGO_ARGON2_MEMORY_KIB, timeCost: v.MLANGO_ARGON2_TIME_COST },
      logFormat: v.MLANGO_LOG_FORMAT,
      // Roster import and student photos
      photoLinkHours: v.MLANGO_PHOTO_LINK_HOURS,
    },
  };
}

/** Formats one problem as a single line, Swahili first, then English. */
export function formatSettingProblem(problem: SettingProblem): string {
  const shown = problem.value === undefined ? "" : `=${JSON.stringify(problem.value)}`;
  const state =
    problem.kind === "missing" ? { sw: "haijawekwa", en: "is missing" } : { sw: "si sahihi", en: "is invalid" };
  return `${problem.name}${shown} ${state.sw}: ${problem.fix.sw}. | ${problem.name} ${state.en}: ${problem.fix.en}.`;
}
