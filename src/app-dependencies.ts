import type { Settings } from "./config/settings";
import type { Database } from "./db/client";
import type { Inbox } from "./inbox/inbox";
import type { Logger } from "./log/logger";
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
    },
  };
}
