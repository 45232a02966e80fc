import { statfs } from "node:fs/promises";
import { dirname } from "node:path";
import { desc, sql } from "drizzle-orm";
import { readLastBackup, type BackupRecord } from "../backup/backup-database";
import type { Settings } from "../config/settings";
import { databaseFilePath, type Database } from "../db/client";
import { innermostErrorMessage } from "../db/error-message";
import { events, verifications } from "../db/schema";
import { writeState } from "./status-queries";

/** `ok` and `warn` keep `/health` at 200; one `fail` turns it to 503. */
export type CheckState = "ok" | "warn" | "fail";

export interface HealthChecks {
  database: { state: CheckState; reachable: boolean; writable: boolean; error?: string };
  /** Optional settings that are unset although the operator most likely wants them. */
  settings: { state: CheckState; unset: string[] };
  disk: { state: CheckState; path: string; freeMb?: number; minFreeMb: number; error?: string };
  backup: { state: CheckState; scheduled: boolean; last?: BackupRecord; lastSuccessAt?: number };
  lastVerification: { state: CheckState; at?: number };
  lastNotification: { state: CheckState; at?: number };
}

export interface HealthReport {
  status: "ok" | "unhealthy";
  version: string;
  checks: HealthChecks;
}

export interface HealthInputs {
  db: Database;
  settings: Settings;
  version: string;
  now: () => number;
  /** The scheduler's newest outcome, which may be newer than the stored one when the database is not writable. */
  lastScheduledBackup?: () => BackupRecord | undefined;
}

const HEALTH_PROBE_KEY = "health_probe";
/**
 * How long the test write may wait for another writer's lock. Writes retry
 * for up to 30 s while the database is locked, but a monitor needs a response
 * sooner, and a lock held this long already delays every verification.
 */
const PROBE_TIMEOUT_MS = 2_000;

/**
 * Runs every check. The database check writes one row, because a database
 * that can be read but not written (a full disk, a read-only file, a lock
 * held by another process) still fails every verification. Error texts are
 * for operators and never include settings.
 */
export async function checkHealth(inputs: HealthInputs): Promise<HealthReport> {
  const database = await checkDatabase(inputs);
  const readable = database.reachable;
  const [disk, backup, lastVerification, lastNotification] = await Promise.all([
    checkDisk(inputs.settings),
    checkBackup(inputs, readable),
    readable ? newestTime(inputs.db, "verification") : undefined,
    readable ? newestTime(inputs.db, "notification") : undefined,
  ]);

  const checks: HealthChecks = {
    database,
    settings: checkSettings(inputs.settings),
    disk,
    backup,
    lastVerification: { state: "ok", at: lastVerification },
    lastNotification: { state: "ok", at: lastNotification },
  };
  const failed = Object.values(checks).some((check) => check.state === "fail");
  return { status: failed ? "unhealthy" : "ok", version: inputs.version, checks };
}

async function checkDatabase(inputs: HealthInputs): Promise<HealthChecks["database"]> {
  try {
    await inputs.db.run(sql`SELECT 1`);
  } catch (error) {
    return { state: "fail", reachable: false, writable: false, error: innermostErrorMessage(error) };
  }
  try {
    const write = writeState(inputs.db, HEALTH_PROBE_KEY, String(inputs.now()), inputs.now());
    // The write goes on retrying in the background after a timeout; its outcome is not needed then.
    write.catch(() => {});
    await withTimeout(write, PROBE_TIMEOUT_MS, `the test write waited over ${PROBE_TIMEOUT_MS / 1000} s; another process may hold the database lock`);
    return { state: "ok", reachable: true, writable: true };
  } catch (error) {
    return { state: "fail", reachable: true, writable: false, error: innermostErrorMessage(error) };
  }
}

function checkSettings(settings: Settings): HealthChecks["settings"] {
  const unset: string[] = [];
  if (!settings.publicUrl) unset.push("MLANGO_PUBLIC_URL");
  if (!settings.backup.folder) unset.push("MLANGO_BACKUP_DIR");
  return { state: unset.length === 0 ? "ok" : "warn", unset };
}

/** Free space where the database lives (the working folder for a libSQL server); below twice the minimum warns. */
async function checkDisk(settings: Settings): Promise<HealthChecks["disk"]> {
  const filePath = databaseFilePath(settings.databaseUrl);
  const path = filePath ? dirname(filePath) : process.cwd();
  const minFreeMb = settings.minFreeDiskMb;
  try {
    const stats = await statfs(path);
    const freeMb = Math.floor((stats.bavail * stats.bsize) / (1024 * 1024));
    let state: CheckState = "ok";
    if (freeMb < minFreeMb * 2) state = "warn";
    if (freeMb < minFreeMb) state = "fail";
    return { state, path, freeMb, minFreeMb };
  } catch (error) {
    return { state: "warn", path, minFreeMb, error: innermostErrorMessage(error) };
  }
}

/**
 * Checks the last backup. While backups are scheduled, a failed one fails the
 * check so that monitors raise it. Without a schedule, a stored failure (of an
 * earlier run or a one-off `mlango backup`) only warns: nothing here will retry
 * it. A backup older than two intervals warns, and so does having none at all.
 */
async function checkBackup(inputs: HealthInputs, readable: boolean): Promise<HealthChecks["backup"]> {
  const { folder, intervalMinutes } = inputs.settings.backup;
  const stored = readable ? await readLastBackup(inputs.db).catch(() => undefined) : undefined;
  const inMemory = inputs.lastScheduledBackup?.();
  const last = !stored || (inMemory && inMemory.at >= stored.at) ? inMemory : stored;
  const scheduled = folder !== undefined;
  const lastSuccessAt = last?.ok ? last.at : undefined;

  if (last && !last.ok) return { state: scheduled ? "fail" : "warn", scheduled, last };
  if (!last) return { state: "warn", scheduled };
  const stale = scheduled && inputs.now() - last.at > 2 * intervalMinutes * 60_000;
  return { state: stale ? "warn" : "ok", scheduled, last, lastSuccessAt };
}

async function newestTime(db: Database, kind: "verification" | "notification"): Promise<number | undefined> {
  try {
    if (kind === "verification") {
      const [row] = await db.select({ at: verifications.at }).from(verifications).orderBy(desc(verifications.at)).limit(1);
      return row?.at;
    }
    const [row] = await db.select({ at: events.receivedAt }).from(events).orderBy(desc(events.receivedAt)).limit(1);
    return row?.at;
  } catch {
    return undefined;
  }
}


function withTimeout<T>(promise: Promise<T>, timeoutMs: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
