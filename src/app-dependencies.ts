import type { Client } from "@libsql/client";
import type { BackupRecord } from "./backup/backup-database";
import type { Settings } from "./config/settings";
import type { Database } from "./db/client";
import { createStudentMessages } from "./i18n/student-messages";
import type { Inbox } from "./inbox/inbox";
import type { Logger } from "./log/logger";
import { createStudentDirectory } from "./roster/student-directory";
import { createPhotoLinks, type PhotoLinks } from "./roster/photo-links";
import { createAuditWriter } from "./webhook/audit-writer";
import { createDeadlineQueue } from "./webhook/deadline-queue";
import { createExamSettingsCache } from "./webhook/exam-settings-cache";
import { createLockout } from "./webhook/lockout";
import { createSecretCheckPool } from "./webhook/secret-check-pool";
import { createSuccessCache } from "./webhook/success-cache";
import type { HealthInputs } from "./status/health";
import { createVerificationRollup, type VerificationRollup } from "./status/verification-rollup";
import type { VerifyDependencies } from "./webhook/verify-respondent";

/** Everything the HTTP app needs, passed in so that tests build the same app over a temporary database. */
export interface AppDependencies {
  db: Database;
  settings: Settings;
  logger: Logger;
  now: () => number;
  version: string;
  verify: VerifyDependencies;
  health: HealthInputs;
  /** Running totals of stored verifications for the status page and /metrics. */
  verificationRollup: VerificationRollup;
  /** Stores notifications durably and passes them on. */
  inbox: Pick<Inbox, "store">;
  /** Signs and checks stored-photo links; undefined without a public URL or client secret. */
  photoLinks?: PhotoLinks;
}

/** How long an exam's field roles are reused before they are read again. */
const EXAM_SETTINGS_TTL_MS = 1000;

export interface BaseDependencies {
  db: Database;
  settings: Settings;
  logger: Logger;
  now: () => number;
  version: string;
  /** The backup scheduler's newest outcome, when scheduled backups run in this process. */
  lastScheduledBackup?: () => BackupRecord | undefined;
  inbox: Pick<Inbox, "store">;
  /** Destination of verification attempts: the database's own client, or a connection opened for the audit. */
  audit: { client: Client; relaxedDurability: boolean };
}

export function buildDependencies(base: BaseDependencies): AppDependencies {
  const { db, logger, now, settings, version, lastScheduledBackup, inbox, audit } = base;
  const auditWriter = createAuditWriter(audit.client, logger, { relaxedDurability: audit.relaxedDurability });
  const photoLinks =
    settings.publicUrl && settings.clientSecret
      ? createPhotoLinks({ clientSecret: settings.clientSecret, publicUrl: settings.publicUrl, lifetimeHours: settings.photoLinkHours, now })
      : undefined;
  return {
    db,
    settings,
    logger,
    now,
    version,
    verify: {
      db,
      directory: createStudentDirectory(db, logger),
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
      audit: auditWriter,
      deadlines: createDeadlineQueue(),
      photoLinks,
    },
    photoLinks,
    health: { db, settings, version, now, lastScheduledBackup },
    verificationRollup: createVerificationRollup(db, auditWriter.flush),
    inbox,
  };
}
