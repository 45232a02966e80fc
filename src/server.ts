import { readFileSync } from "node:fs";
import { createApp } from "./app";
import { startInbox } from "./inbox/inbox";
import { buildDependencies } from "./app-dependencies";
import { startBackupScheduler, type BackupScheduler } from "./backup/backup-scheduler";
import type { Settings } from "./config/settings";
import { drainRequests } from "./http/drain-requests";
import { openSeparateConnection, type DatabaseHandle } from "./db/client";
import type { Logger } from "./log/logger";
import { dummyHash } from "./roster/secrets";
import { VERSION } from "./version";

export interface RunningServer {
  /** Base URL of the server, e.g. `http://127.0.0.1:8080`. */
  url: string;
  port: number;
  /** Stores the verification attempts still queued for the audit, and resolves when they are written. */
  flushAudit(): Promise<void>;
  /** The scheduled backups, when `MLANGO_BACKUP_DIR` is set. */
  backups?: BackupScheduler;
  /**
   * Stops accepting connections, then waits for requests in flight and for a
   * scheduled backup in progress, so nothing acknowledged is lost and no
   * half-written backup is left. The inbox stops last.
   */
  stop(): Promise<void>;
}

/**
 * Starts the HTTP server (HTTPS when `settings.tls` is set) for `createApp`,
 * and the scheduled backups when a backup folder is set. Throws when the TLS
 * files cannot be read or the address cannot be bound.
 */
export function startServer(settings: Settings, database: Pick<DatabaseHandle, "db" | "client" | "url">, logger: Logger, now: () => number = Date.now): RunningServer {
  const tls = settings.tls ? { cert: readFileSync(settings.tls.certPath, "utf8"), key: readFileSync(settings.tls.keyPath, "utf8") } : undefined;
  const backups = settings.backup.folder
    ? startBackupScheduler({
        client: database.client,
        db: database.db,
        logger,
        now,
        schedule: { folder: settings.backup.folder, intervalMinutes: settings.backup.intervalMinutes, keep: settings.backup.keep },
      })
    : undefined;

  const inbox = startInbox(settings, database.db, logger, now);
  const auditConnection = openSeparateConnection(database);
  const audit = auditConnection
    ? { client: auditConnection, relaxedDurability: true }
    : { client: database.client, relaxedDurability: false };
  const deps = buildDependencies({ db: database.db, settings, logger, now, version: VERSION, lastScheduledBackup: backups?.lastBackup, inbox, audit });
  // Made now rather than on the first unknown identifier, so that request is not slower than the rest.
  void dummyHash(settings.argon2);
  // Built now in batches rather than on the first status page view, which would wait for every stored row.
  deps.verificationRollup.refresh(now()).catch((error) => logger.warn("verification totals not built at start", { error: error as Error }));
  let app;
  try {
    app = createApp(deps).listen({
      hostname: settings.host,
      port: settings.port,
      tls,
      // Our own reader stops at MLANGO_MAX_BODY_BYTES and returns a JSON 413 without buffering the rest.
      // Bun's limit is only a backstop, set high so that its bare 413 never replaces ours.
      maxRequestBodySize: 1024 * 1024 * 1024,
      // Without this a second Mlango on the same port starts too, and the kernel splits requests between two rosters.
      reusePort: false,
    });
  } catch (error) {
    void backups?.stop();
    throw error;
  }

  const server = app.server!;
  const displayHost = settings.host === "0.0.0.0" || settings.host === "::" ? "127.0.0.1" : settings.host;
  const hostInUrl = displayHost.includes(":") ? `[${displayHost}]` : displayHost;
  return {
    url: `${tls ? "https" : "http"}://${hostInUrl}:${server.port}`,
    port: server.port!,
    backups,
    flushAudit: deps.verify.audit.flush,
    stop: async () => {
      // `false` stops accepting connections and lets requests in flight finish, but Bun may resolve before
      // their handlers are done writing, and kept-alive connections can still bring new requests. So wait for
      // the handlers, then close every remaining connection, then wait for any request that slipped in.
      const drainMs = settings.verifyDeadlineMs + 5000;
      // Bun's promise also waits for idle or still-uploading connections, so it is bounded by the handlers' drain.
      await Promise.race([app.stop(false), drainRequests(server, drainMs)]);
      await drainRequests(server, drainMs);
      // Elysia refuses a second stop, so the remaining connections are closed on Bun's server directly.
      server.stop(true);
      await drainRequests(server, drainMs);
      await backups?.stop();
      deps.verify.directory.stop();
      await deps.verify.audit.flush();
      auditConnection?.close();
      await inbox.stop();
    },
  };
}
