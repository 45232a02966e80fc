import { isIP } from "node:net";
import { availableParallelism } from "node:os";
import { z } from "zod";
import { readStudentMessageOverrides } from "../i18n/message-overrides";
import type { MessageCatalog } from "../i18n/student-messages";
import { parseDuration } from "../inbox/duration";
import { parseWebhookSecret } from "../inbox/webhook-signature";
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

/** A duration such as `30s` or `3d` (see parseDuration), in milliseconds from min to max. */
const durationText = (minMs: number, maxMs: number) =>
  z
    .string()
    .refine((value) => parseDuration(value) !== undefined)
    .transform((value) => parseDuration(value)!)
    .pipe(z.number().min(minMs).max(maxMs));

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
    // A dotted all-digit value must be a real IPv4 address (999.1.1.1 is not); names such as localhost are allowed.
    schema: requiredText
      .refine((host) => isIP(host) !== 0 || (!/^[\d.]+$/.test(host) && /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i.test(host)))
      .default("0.0.0.0"),
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
  // Verification: lockout, deadline, secret-check concurrency, success cache, student messages.
  MLANGO_LOCKOUT_MAX_FAILURES: {
    schema: integerText(1, 1000).default(5),
    fix: {
      sw: "weka idadi ya majaribio yaliyoshindwa yanayofunga namba ya mwanafunzi, kati ya 1 na 1000 (kawaida 5)",
      en: "set how many failed attempts lock an identifier, from 1 to 1000 (default 5)",
    },
  },
  MLANGO_LOCKOUT_WINDOW_MINUTES: {
    schema: integerText(1, 1440).default(15),
    fix: {
      sw: "weka dakika ambazo majaribio yaliyoshindwa yanahesabiwa ndani yake, kati ya 1 na 1440 (kawaida 15)",
      en: "set the minutes within which failed attempts are counted, from 1 to 1440 (default 15)",
    },
  },
  MLANGO_LOCKOUT_DURATION_MINUTES: {
    schema: integerText(1, 1440).default(15),
    fix: {
      sw: "weka dakika ambazo namba ya mwanafunzi inabaki imefungwa, kati ya 1 na 1440 (kawaida 15)",
      en: "set how many minutes an identifier stays locked, from 1 to 1440 (default 15)",
    },
  },
  MLANGO_VERIFY_DEADLINE_MS: {
    schema: integerText(100, 59_000).default(50_000),
    fix: {
      sw: "weka milisekunde za juu za kujibu ombi la verify_respondent, kati ya 100 na 59000 (kawaida 50000); ExamJoint inasubiri sekunde 60 tu",
      en: "set the milliseconds within which every verify_respondent request is answered, from 100 to 59000 (default 50000); ExamJoint waits 60 seconds at most",
    },
  },
  MLANGO_VERIFY_CONCURRENCY: {
    schema: integerText(1, 64).default(availableParallelism()),
    fix: {
      sw: "weka idadi ya ukaguzi wa nenosiri unaofanyika kwa wakati mmoja, kati ya 1 na 64 (kawaida idadi ya core za CPU)",
      en: "set how many secret checks run at once, from 1 to 64 (default the number of CPU cores)",
    },
  },
  MLANGO_VERIFY_CACHE_SECONDS: {
    schema: integerText(0, 3600).default(120),
    fix: {
      sw: "weka sekunde ambazo uthibitisho uliofaulu unakumbukwa, kati ya 0 na 3600 (0 huzima; kawaida 120)",
      en: "set the seconds a successful check is remembered, from 0 to 3600 (0 turns it off; default 120)",
    },
  },
  MLANGO_STUDENT_MESSAGES_FILE: {
    schema: requiredText.optional(),
    fix: {
      sw: 'weka njia ya faili la JSON la jumbe za wanafunzi, kwa mfano {"sw": {"busy": "..."}}, au ondoa kigezo hiki',
      en: 'set the path of a JSON file of student messages, for example {"sw": {"busy": "..."}}, or remove the variable',
    },
  },
  // Operations: TLS, metrics, scheduled backups, disk space.
  MLANGO_TLS_CERT: {
    schema: requiredText.optional(),
    fix: {
      sw: "weka njia ya faili la cheti cha TLS (PEM, kwa mfano /etc/mlango/fullchain.pem), pamoja na MLANGO_TLS_KEY",
      en: "set the path of the TLS certificate file (PEM, for example /etc/mlango/fullchain.pem), together with MLANGO_TLS_KEY",
    },
  },
  MLANGO_TLS_KEY: {
    schema: requiredText.optional(),
    fix: {
      sw: "weka njia ya faili la ufunguo binafsi wa TLS (PEM, kwa mfano /etc/mlango/privkey.pem), pamoja na MLANGO_TLS_CERT",
      en: "set the path of the TLS private key file (PEM, for example /etc/mlango/privkey.pem), together with MLANGO_TLS_CERT",
    },
  },
  MLANGO_METRICS_TOKEN: {
    schema: z.string().trim().min(16).optional(),
    fix: {
      sw: "weka tokeni ya angalau herufi 16 ambayo Prometheus itatuma kama Authorization: Bearer, au ondoa kigezo hiki kuzima /metrics",
      en: "set a token of at least 16 characters that Prometheus sends as Authorization: Bearer, or remove the variable to turn /metrics off",
    },
  },
  MLANGO_BACKUP_DIR: {
    schema: requiredText.optional(),
    fix: {
      sw: "weka folda ya nakala za hifadhidata zinazopangwa, kwa mfano /var/backups/mlango, au ondoa kigezo hiki kuzima nakala hizo",
      en: "set the folder for scheduled database backups, for example /var/backups/mlango, or remove the variable to turn them off",
    },
  },
  MLANGO_BACKUP_INTERVAL_MINUTES: {
    schema: integerText(1, 7 * 24 * 60).default(60),
    fix: {
      sw: "weka idadi ya dakika kati ya nakala mbili, kati ya 1 na 10080 (kawaida 60)",
      en: "set the minutes between two scheduled backups, from 1 to 10080 (default 60)",
    },
  },
  MLANGO_BACKUP_KEEP: {
    schema: integerText(1, 10_000).default(48),
    fix: {
      sw: "weka idadi ya nakala za mwisho za kubaki kwenye folda, kati ya 1 na 10000 (kawaida 48)",
      en: "set how many of the newest backups stay in the folder, from 1 to 10000 (default 48)",
    },
  },
  MLANGO_MIN_FREE_DISK_MB: {
    schema: integerText(0, 10_000_000).default(500),
    fix: {
      sw: "weka nafasi ya chini ya diski kwa MB ambayo chini yake ukaguzi wa afya unashindwa (kawaida 500)",
      en: "set the free disk space in MB below which the health check fails (default 500)",
    },
  },
  // Notification inbox: forwarding to the school's other systems, and retention.
  MLANGO_FORWARD_URLS: {
    schema: z
      .string()
      .transform((value) => value.split(",").map((url) => url.trim()).filter((url) => url !== ""))
      .refine((urls) => urls.every((url) => URL.canParse(url) && /^https?:$/.test(new URL(url).protocol)))
      .transform((urls) => [...new Set(urls)])
      .default([]),
    fix: {
      sw: "weka anwani kamili za http:// au https://, zikitenganishwa kwa koma, kwa mfano https://sis.shule.ac.tz/mlango",
      en: "set full http:// or https:// addresses separated by commas, for example https://sis.school.ac.tz/mlango",
    },
  },
  MLANGO_FORWARD_SECRET: {
    schema: z
      .string()
      .refine((value) => parseWebhookSecret(value) !== undefined)
      .transform((value) => parseWebhookSecret(value)!)
      .optional(),
    fix: {
      sw: "weka siri ya Standard Webhooks: whsec_ ikifuatwa na base64 ya baiti 24 hadi 64, kwa mfano tengeneza kwa: echo whsec_$(openssl rand -base64 32)",
      en: "set a Standard Webhooks secret: whsec_ followed by base64 of 24 to 64 bytes, for example made with: echo whsec_$(openssl rand -base64 32)",
    },
  },
  MLANGO_FORWARD_RETRY_FIRST: {
    schema: durationText(100, 86_400_000).default(10_000),
    fix: { sw: "weka muda wa kusubiri kabla ya jaribio la pili, kama 10s au 1m", en: "set the wait before the second attempt, such as 10s or 1m" },
  },
  MLANGO_FORWARD_RETRY_MAX: {
    schema: durationText(100, 7 * 86_400_000).default(3_600_000),
    fix: { sw: "weka muda mrefu zaidi kati ya majaribio, kama 1h", en: "set the longest wait between attempts, such as 1h" },
  },
  MLANGO_FORWARD_GIVE_UP: {
    schema: durationText(1000, 365 * 86_400_000).default(3 * 86_400_000),
    fix: {
      sw: "weka muda wa kuendelea kujaribu kabla ya kuacha, kama 3d, 12h au 30m",
      en: "set how long to keep trying before giving up, such as 3d, 12h or 30m",
    },
  },
  MLANGO_FORWARD_TIMEOUT: {
    schema: durationText(100, 300_000).default(10_000),
    fix: { sw: "weka muda wa kusubiri jibu la kila ombi, kama 10s (juu kabisa 5m)", en: "set how long to wait for each response, such as 10s (at most 5m)" },
  },
  MLANGO_EVENTS_KEEP_DAYS: {
    schema: integerText(0, 36_500).default(0),
    fix: {
      sw: "weka idadi ya siku za kuhifadhi taarifa, au 0 kuzihifadhi daima",
      en: "set the number of days to keep notifications, or 0 to keep them forever",
    },
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
  // Verification
  lockout: { maxFailures: number; windowMs: number; durationMs: number };
  verifyDeadlineMs: number;
  verifyConcurrency: number;
  verifyCacheMs: number;
  /** The school's replacement student messages, read from MLANGO_STUDENT_MESSAGES_FILE at start. */
  studentMessageOverrides: MessageCatalog;
  // Operations: TLS, metrics, scheduled backups, disk space.
  tls?: { certPath: string; keyPath: string };
  metricsToken?: string;
  backup: { folder?: string; intervalMinutes: number; keep: number };
  minFreeDiskMb: number;
  // Notification inbox
  forward: {
    urls: string[];
    /** The decoded `whsec_` key; present whenever `urls` is not empty. */
    secret?: Buffer;
    retryFirstMs: number;
    retryMaxMs: number;
    giveUpMs: number;
    timeoutMs: number;
  };
  /** Notifications older than this many days are removed; 0 keeps them forever. */
  eventsKeepDays: number;
  // Roster import and student photos
  photoLinkHours: number;
}

/** One invalid or missing setting, with the fix in both languages. */
export interface SettingProblem {
  name: string;
  value?: string;
  kind: "missing" | "invalid";
  fix: { sw: string; en: string };
  /** What exactly is wrong, when the value names a file whose content was checked. */
  detail?: { sw: string; en: string };
}

export type SettingsResult = { ok: true; settings: Settings } | { ok: false; problems: SettingProblem[] };

/** The settings `mlango serve` cannot start without. */
export const SERVE_REQUIRED: SettingName[] = ["MLANGO_CLIENT_ID", "MLANGO_CLIENT_SECRET", "MLANGO_ADMIN_PASSWORD"];

/** Names of settings whose values are secrets and must never be printed or logged. */
const SECRET_SETTINGS = new Set<string>(["MLANGO_CLIENT_SECRET", "MLANGO_ADMIN_PASSWORD", "MLANGO_DATABASE_AUTH_TOKEN", "MLANGO_METRICS_TOKEN", "MLANGO_FORWARD_SECRET"]);

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

  const v = values as SettingValues;
  let studentMessageOverrides: MessageCatalog = {};
  if (v.MLANGO_STUDENT_MESSAGES_FILE !== undefined) {
    const overrides = readStudentMessageOverrides(v.MLANGO_STUDENT_MESSAGES_FILE);
    if (overrides.ok) studentMessageOverrides = overrides.catalog;
    const fix = SETTINGS.MLANGO_STUDENT_MESSAGES_FILE.fix;
    for (const detail of overrides.ok ? [] : overrides.problems) {
      problems.push({ name: "MLANGO_STUDENT_MESSAGES_FILE", kind: "invalid", value: v.MLANGO_STUDENT_MESSAGES_FILE, fix, detail });
    }
  }

  problems.push(...pairedSettingProblems(values));

  const forwardUrls = values.MLANGO_FORWARD_URLS as string[] | undefined;
  if (forwardUrls && forwardUrls.length > 0 && values.MLANGO_FORWARD_SECRET === undefined && !problems.some((problem) => problem.name === "MLANGO_FORWARD_SECRET")) {
    problems.push({ name: "MLANGO_FORWARD_SECRET", kind: "missing", fix: SETTINGS.MLANGO_FORWARD_SECRET.fix });
  }

  if (problems.length > 0) return { ok: false, problems };

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
      // Verification
      lockout: {
        maxFailures: v.MLANGO_LOCKOUT_MAX_FAILURES,
        windowMs: v.MLANGO_LOCKOUT_WINDOW_MINUTES * 60_000,
        durationMs: v.MLANGO_LOCKOUT_DURATION_MINUTES * 60_000,
      },
      verifyDeadlineMs: v.MLANGO_VERIFY_DEADLINE_MS,
      verifyConcurrency: v.MLANGO_VERIFY_CONCURRENCY,
      verifyCacheMs: v.MLANGO_VERIFY_CACHE_SECONDS * 1000,
      studentMessageOverrides,
      tls: v.MLANGO_TLS_CERT && v.MLANGO_TLS_KEY ? { certPath: v.MLANGO_TLS_CERT, keyPath: v.MLANGO_TLS_KEY } : undefined,
      metricsToken: v.MLANGO_METRICS_TOKEN,
      backup: { folder: v.MLANGO_BACKUP_DIR, intervalMinutes: v.MLANGO_BACKUP_INTERVAL_MINUTES, keep: v.MLANGO_BACKUP_KEEP },
      minFreeDiskMb: v.MLANGO_MIN_FREE_DISK_MB,
      forward: {
        urls: v.MLANGO_FORWARD_URLS,
        secret: v.MLANGO_FORWARD_SECRET,
        retryFirstMs: v.MLANGO_FORWARD_RETRY_FIRST,
        retryMaxMs: v.MLANGO_FORWARD_RETRY_MAX,
        giveUpMs: v.MLANGO_FORWARD_GIVE_UP,
        timeoutMs: v.MLANGO_FORWARD_TIMEOUT,
      },
      eventsKeepDays: v.MLANGO_EVENTS_KEEP_DAYS,
      // Roster import and student photos
      photoLinkHours: v.MLANGO_PHOTO_LINK_HOURS,
    },
  };
}

/** The TLS certificate and key only work together, so one without the other is reported as missing. */
function pairedSettingProblems(values: Partial<Record<SettingName, unknown>>): SettingProblem[] {
  const pair: [SettingName, SettingName] = ["MLANGO_TLS_CERT", "MLANGO_TLS_KEY"];
  const [first, second] = pair.map((name) => values[name] !== undefined);
  if (first === second) return [];
  const missing = first ? pair[1] : pair[0];
  return [{ name: missing, kind: "missing", fix: SETTINGS[missing].fix }];
}

/** Formats one problem as a single line, Swahili first, then English. */
export function formatSettingProblem(problem: SettingProblem): string {
  const shown = problem.value === undefined ? "" : `=${JSON.stringify(problem.value)}`;
  const state =
    problem.kind === "missing" ? { sw: "haijawekwa", en: "is missing" } : { sw: "si sahihi", en: "is invalid" };
  const detail = { sw: problem.detail ? `${problem.detail.sw}; ` : "", en: problem.detail ? `${problem.detail.en}; ` : "" };
  return `${problem.name}${shown} ${state.sw}: ${detail.sw}${problem.fix.sw}. | ${problem.name}${shown} ${state.en}: ${detail.en}${problem.fix.en}.`;
}
