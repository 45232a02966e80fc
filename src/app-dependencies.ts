import type { Settings } from "./config/settings";
import type { Database } from "./db/client";
import { createStudentMessages } from "./i18n/student-messages";
import type { Inbox } from "./inbox/inbox";
import type { Logger } from "./log/logger";
import { createAuditWriter } from "./webhook/audit-writer";
import { createExamSettingsCache } from "./webhook/exam-settings-cache";
import { createLockout } from "./webhook/lockout";
import { createSecretCheckPool } from "./webhook/secret-check-pool";
import { createSuccessCache } from "./webhook/success-cache";
import type { VerifyDependencies } from "./webhook/verify-respondent";

/** Everything the HTTP app needs, passed in so that tests build the same app over a temporary database. */
export interface AppDependencies {
  db: Database;
  settings: Settings;
  logger: Logger;
  now: () => number;
  version: string;
  verify: VerifyDependencies;
  /** Stores notifications durably and passes them on. */
  inbox: Pick<Inbox, "store">;
}

/** How long an exam's field roles are reused before they are read again. */
const EXAM_SETTINGS_TTL_MS = 1000;

export function buildDependencies(base: Omit<AppDependencies, "verify">): AppDependencies {
  const { db, logger, now, settings } = base;
  return {
    ...base,
    verify: {
      db,
      logger,
      now,
      defaultFieldRoles: settings.defaultFieldRoles,
      identifierCaseSensitive: settings.identifierCaseSensitive,
      argon2: settings.argon2,
      publicUrl: settings.publicUrl,
      deadlineMs: settings.verifyDeadlineMs,
      messages: createStudentMessages(settings.studentMessageOverrides),
      examSettings: createExamSettingsCache(db, EXAM_SETTINGS_TTL_MS),
      lockout: createLockout(settings.lockout, now),
      pool: createSecretCheckPool(settings.verifyConcurrency),
      successCache: createSuccessCache(settings.verifyCacheMs, now),
      pendingUpgrades: new Set(),
      audit: createAuditWriter(db, logger),
    },
  };
}
