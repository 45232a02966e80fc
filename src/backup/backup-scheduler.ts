import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Client } from "@libsql/client";
import type { Database } from "../db/client";
import type { Logger } from "../log/logger";
import { backupDatabase, fileTimestamp, recordBackup, type BackupRecord } from "./backup-database";

const SCHEDULED_NAME = /^mlango-\d{8}-\d{6}(-\d+)?\.db$/;

export interface BackupSchedule {
  folder: string;
  intervalMinutes: number;
  keep: number;
}

/**
 * Runs a backup into `schedule.folder` every `intervalMinutes` and deletes
 * the oldest scheduled files beyond `keep`. Every outcome is logged and
 * stored as the last backup. The newest outcome is also kept in memory, so
 * a failure still shows when the database itself cannot be written.
 */
export function startBackupScheduler(options: { client: Client; db: Database; logger: Logger; schedule: BackupSchedule; now: () => number }) {
  const { client, db, logger, schedule, now } = options;
  let last: BackupRecord | undefined;
  let running: Promise<void> | undefined;

  const runOnce = async () => {
    const at = now();
    const file = uniqueBackupPath(schedule.folder, at);
    try {
      mkdirSync(schedule.folder, { recursive: true });
      // NOTE: VACUUM INTO runs on the server's thread, so requests wait for it (about 0.13 s for 12 MB, see docs/BENCHMARKS.md).
      const { bytes } = await backupDatabase(client, file);
      const removed = pruneOldBackups(schedule.folder, schedule.keep);
      last = { at, ok: true, scheduled: true, file, bytes };
      logger.info("backup written", { file, bytes, removed: removed.length });
    } catch (error) {
      last = { at, ok: false, scheduled: true, file, error: (error as Error).message };
      logger.error("backup failed", { file, error: error as Error });
    }
    try {
      await recordBackup(db, last);
    } catch (error) {
      logger.error("backup outcome could not be stored", { error: error as Error });
    }
  };

  const timer = setInterval(() => {
    if (running) return;
    running = runOnce().finally(() => (running = undefined));
  }, schedule.intervalMinutes * 60_000);

  return {
    lastBackup: () => last,
    /** Runs a backup now, outside the timer; used at start and by tests. */
    runNow: async () => {
      await running;
      running = runOnce().finally(() => (running = undefined));
      await running;
    },
    /** Stops the timer and waits for a backup in progress, so shutdown never leaves a partial file. */
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}

export type BackupScheduler = ReturnType<typeof startBackupScheduler>;

/** `mlango-YYYYMMDD-HHMMSS.db` in UTC, with a counter when two backups fall in the same second. */
function uniqueBackupPath(folder: string, at: number): string {
  const stamp = fileTimestamp(at);
  let path = join(folder, `mlango-${stamp}.db`);
  for (let counter = 2; existsSync(path); counter++) path = join(folder, `mlango-${stamp}-${counter}.db`);
  return path;
}

/** Deletes scheduled backups beyond the newest `keep`; other files in the folder are left alone. */
function pruneOldBackups(folder: string, keep: number): string[] {
  const scheduled = readdirSync(folder)
    .filter((name) => SCHEDULED_NAME.test(name))
    .sort();
  const removed = scheduled.slice(0, Math.max(0, scheduled.length - keep));
  for (const name of removed) rmSync(join(folder, name), { force: true });
  return removed;
}
