import type { Settings } from "./config/settings";
import type { Database } from "./db/client";
import type { Logger } from "./log/logger";
import { createPhotoLinks, type PhotoLinks } from "./roster/photo-links";
import type { VerifyDependencies } from "./webhook/verify-respondent";

/** Everything the HTTP app needs, passed in so that tests build the same app over a temporary database. */
export interface AppDependencies {
  db: Database;
  settings: Settings;
  logger: Logger;
  now: () => number;
  version: string;
  verify: VerifyDependencies;
  /** Signs and checks stored-photo links; undefined without a public URL or client secret. */
  photoLinks?: PhotoLinks;
}

export function buildDependencies(base: Omit<AppDependencies, "verify" | "photoLinks">): AppDependencies {
  const { db, logger, now, settings } = base;
  const photoLinks =
    settings.publicUrl && settings.clientSecret
      ? createPhotoLinks({ clientSecret: settings.clientSecret, publicUrl: settings.publicUrl, lifetimeHours: settings.photoLinkHours, now })
      : undefined;
  return {
    ...base,
    photoLinks,
    verify: {
      db,
      logger,
      now,
      defaultFieldRoles: settings.defaultFieldRoles,
      identifierCaseSensitive: settings.identifierCaseSensitive,
      argon2: settings.argon2,
      publicUrl: settings.publicUrl,
      photoLinks,
    },
  };
}
