/**
 * Measures what the operations features cost a running server over a database
 * with many stored verifications: rendering the signed-in status page, scraping
 * /metrics and taking a backup. It also measures how much slower verify
 * requests get while a backup runs on the server's own thread.
 *
 *   npx bun scripts/bench-operations.ts [--verifications 200000] [--requests 200]
 *
 * Figures are ratios from one run on the same machine, so they compare parts of
 * Mlango with each other rather than machines.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { backupDatabase } from "../src/backup/backup-database";
import { verifications } from "../src/db/schema";
import { silentLogger } from "../src/log/logger";
import { startServer } from "../src/server";
import { seedRoster } from "../test/support/roster-fixtures";
import { createTempDatabase, postWebhook, TEST_ADMIN_PASSWORD, testSettings } from "../test/support/test-server";

const { values } = parseArgs({ options: { verifications: { type: "string", default: "200000" }, requests: { type: "string", default: "200" } } });
const verificationCount = Number(values.verifications);
const requestCount = Number(values.requests);

const database = await createTempDatabase();
await seedRoster(database.db, "identifier,secret\nS-1,pin-1\n");
const now = Date.now();
for (let start = 0; start < verificationCount; start += 5000) {
  const rows = Array.from({ length: Math.min(5000, verificationCount - start) }, (_, offset) => {
    const index = start + offset;
    return {
      at: now - 3 * 60 * 60_000 + Math.floor((index / verificationCount) * 3 * 60 * 60_000),
      examId: `exam-${index % 40}`,
      identifierTyped: `S-${index}`,
      outcome: index % 9 === 0 ? ("rejected" as const) : ("accepted" as const),
      reason: index % 9 === 0 ? "wrong_credentials" : null,
      latencyMs: 10 + (index % 50),
    };
  });
  await database.db.insert(verifications).values(rows);
}

const settings = testSettings({ MLANGO_METRICS_TOKEN: "benchmark-metrics-token-000" }, database.url);
const server = startServer(settings, database, silentLogger);
const webhookUrl = `${server.url}/webhook`;
const verifyBody = { event: "verify_respondent", fields: [{ position: 0, value: "S-1" }, { position: 1, value: "pin-1" }], exam_id: "bench", choosenLang: "en" };

async function timed(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

function percentile(samples: number[], fraction: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(fraction * sorted.length) - 1)]!;
}

/** Sends `requestCount` verify requests, ten at a time, and returns each latency. */
async function verifyLatencies(): Promise<number[]> {
  const latencies: number[] = [];
  for (let sent = 0; sent < requestCount; sent += 10) {
    await Promise.all(Array.from({ length: 10 }, async () => latencies.push(await timed(() => postWebhook(webhookUrl, verifyBody)))));
  }
  return latencies;
}

const login = await fetch(`${server.url}/login`, { method: "POST", body: `password=${TEST_ADMIN_PASSWORD}`, redirect: "manual" });
const cookie = login.headers.get("set-cookie")!.split(";")[0]!;

/** Runs `action` five times in a row and returns the median time in milliseconds. */
async function medianOfFive(action: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let run = 0; run < 5; run++) samples.push(await timed(action));
  return percentile(samples, 0.5);
}

const adminPage = () => fetch(`${server.url}/`, { headers: { cookie } }).then((response) => response.text());
const metrics = () => fetch(`${server.url}/metrics`, { headers: { authorization: "Bearer benchmark-metrics-token-000" } }).then((response) => response.text());

await verifyLatencies();
const baseline = await verifyLatencies();
// The first signed-in view builds the running totals from every stored row; later views read only new rows.
const firstPageMs = await timed(adminPage);
const pageMs = await medianOfFive(adminPage);
const publicPageMs = await medianOfFive(() => fetch(`${server.url}/`).then((response) => response.text()));
const metricsMs = await medianOfFive(metrics);

const backupFile = join(database.folder, "bench-backup.db");
let backupMs = 0;
let backupBytes = 0;
const [duringBackup] = await Promise.all([
  verifyLatencies(),
  (async () => {
    await Bun.sleep(5);
    backupMs = await timed(async () => {
      backupBytes = (await backupDatabase(database.client, backupFile)).bytes;
    });
  })(),
]);
rmSync(backupFile, { force: true });

await server.stop();
database.cleanup();

const baseP50 = percentile(baseline, 0.5);
const report = {
  verifications: verificationCount,
  verifyP50Ms: baseP50.toFixed(1),
  verifyP99Ms: percentile(baseline, 0.99).toFixed(1),
  firstAdminPageMs: firstPageMs.toFixed(1),
  adminPageMs: pageMs.toFixed(1),
  adminPageOverVerifyP50: (pageMs / baseP50).toFixed(1),
  publicPageMs: publicPageMs.toFixed(1),
  metricsMs: metricsMs.toFixed(1),
  metricsOverVerifyP50: (metricsMs / baseP50).toFixed(1),
  backupMs: backupMs.toFixed(1),
  backupMegabytes: (backupBytes / 1024 / 1024).toFixed(1),
  verifyMaxDuringBackupMs: Math.max(...duringBackup).toFixed(1),
  verifyP99DuringBackupOverBaseline: (percentile(duringBackup, 0.99) / percentile(baseline, 0.99)).toFixed(2),
};
console.log(JSON.stringify(report, null, 2));
