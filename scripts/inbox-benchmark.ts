/**
 * Benchmark of the notification inbox, and its crash check.
 *
 * Rate: notifications per second acknowledged (HTTP 200) under 64 concurrent
 * senders, each sending distinct result_ready notifications one after the
 * other for a fixed time. Three servers are measured in turn, each in a child
 * process on 127.0.0.1 over a fresh database file. The baseline is the real app
 * with a store that does nothing. The others are the real inbox with one event
 * per transaction, and the real inbox with group commit. Figures are reported as
 * ratios to the baseline measured in the same run.
 *
 * Crash check: `mlango serve` runs over a fresh file while the senders
 * write; after a while the server is killed with SIGKILL, started again, and
 * every acknowledged notification must be in the database exactly once.
 *
 *   bun scripts/inbox-benchmark.ts [--seconds 8] [--senders 64]
 */
import { createClient } from "@libsql/client";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createApp } from "../src/app";
import { buildDependencies } from "../src/app-dependencies";
import { loadSettings } from "../src/config/settings";
import { openDatabase } from "../src/db/client";
import { applyMigrations } from "../src/db/migrate";
import { startInbox } from "../src/inbox/inbox";
import { silentLogger } from "../src/log/logger";
import { VERSION } from "../src/version";

const CREDENTIALS = { "x-client-id": "bench-client", "x-client-secret": "bench-secret-0123456789" };
const SERVER_ENV = {
  MLANGO_CLIENT_ID: CREDENTIALS["x-client-id"],
  MLANGO_CLIENT_SECRET: CREDENTIALS["x-client-secret"],
  MLANGO_ADMIN_PASSWORD: "bench-admin-password",
  MLANGO_HOST: "127.0.0.1",
  MLANGO_PORT: "0",
  MLANGO_LOG_FORMAT: "json",
};

type Mode = "no-store" | "one-per-transaction" | "group-commit";

const { values: options } = parseArgs({
  options: {
    seconds: { type: "string", default: "8" },
    senders: { type: "string", default: "64" },
    "serve-mode": { type: "string" },
    database: { type: "string" },
  },
});

if (options["serve-mode"]) {
  await serveForBenchmark(options["serve-mode"] as Mode, options.database!);
} else {
  await main(Number(options.seconds), Number(options.senders));
}

/** Child role: one server variant, printing its URL on the first line of stdout. */
async function serveForBenchmark(mode: Mode, databasePath: string): Promise<void> {
  const settingsResult = loadSettings({ ...SERVER_ENV, MLANGO_DATABASE_URL: `file:${databasePath}` });
  if (!settingsResult.ok) throw new Error(JSON.stringify(settingsResult.problems));
  const settings = settingsResult.settings;
  const handle = await openDatabase(settings.databaseUrl);
  await applyMigrations(handle.db);

  const inbox =
    mode === "no-store"
      ? { store: async () => ({ id: 0, created: true }) }
      : startInbox(settings, handle.db, silentLogger, Date.now, { maxBatch: mode === "one-per-transaction" ? 1 : undefined });
  const deps = buildDependencies({ db: handle.db, settings, logger: silentLogger, now: Date.now, version: VERSION, inbox, audit: { client: handle.client, relaxedDurability: false } });
  const app = createApp(deps).listen({ hostname: "127.0.0.1", port: 0 });
  console.log(`http://127.0.0.1:${app.server!.port}`);
}

async function main(seconds: number, senders: number): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), "mlango-bench-"));
  try {
    const rates: Record<Mode, number> = { "no-store": 0, "one-per-transaction": 0, "group-commit": 0 };
    let durability = "";
    for (const mode of Object.keys(rates) as Mode[]) {
      const databasePath = join(folder, `${mode}.db`);
      const child = await spawnServer(["bun", import.meta.path, "--serve-mode", mode, "--database", databasePath]);
      await sendBurst(child.url, senders, seconds * 1000, mode); // warm-up
      const result = await sendBurst(child.url, senders, seconds * 1000, mode);
      rates[mode] = result.acknowledged.length / seconds;
      child.process.kill();
      await child.process.exited;
      if (mode !== "no-store") {
        durability = await describeDurability(databasePath);
        const stored = await countStored(databasePath);
        if (stored < result.acknowledged.length) throw new Error(`${mode}: ${stored} stored but ${result.acknowledged.length} acknowledged`);
      }
      console.log(`${mode}: ${rates[mode].toFixed(0)} acknowledged/s, ${result.errors} errors`);
    }

    console.log(`\ndatabase: ${durability}; ${senders} senders; ${seconds} s per variant after a ${seconds} s warm-up`);
    console.log(`group commit / no store:          ${(rates["group-commit"] / rates["no-store"]).toFixed(2)}`);
    console.log(`one per transaction / no store:   ${(rates["one-per-transaction"] / rates["no-store"]).toFixed(2)}`);
    console.log(`group commit / one per transaction: ${(rates["group-commit"] / rates["one-per-transaction"]).toFixed(2)}`);

    await crashCheck(join(folder, "crash.db"), senders);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Kills `mlango serve` with SIGKILL mid-burst, restarts it and counts the acknowledged events in the database. */
async function crashCheck(databasePath: string, senders: number): Promise<void> {
  const serveCommand = ["bun", join(import.meta.dir, "../src/cli/main.ts"), "serve"];
  const env = { ...SERVER_ENV, MLANGO_DATABASE_URL: `file:${databasePath}`, MLANGO_LANG: "en" };

  const first = await spawnServer(serveCommand, env);
  const burst = sendBurst(first.url, senders, 60_000, "crash");
  await Bun.sleep(2500);
  first.process.kill("SIGKILL");
  await first.process.exited;
  const result = await burst;

  const second = await spawnServer(serveCommand, env);
  const health = await fetch(`${second.url}/health`);
  second.process.kill();
  await second.process.exited;

  const client = createClient({ url: `file:${databasePath}` });
  const rows = await client.execute("SELECT respondent_id, count(*) AS copies FROM events GROUP BY respondent_id");
  client.close();
  const copies = new Map(rows.rows.map((row) => [String(row.respondent_id), Number(row.copies)]));
  const missing = result.acknowledged.filter((id) => !copies.has(id)).length;
  const duplicated = [...copies.values()].filter((count) => count > 1).length;

  console.log(`\ncrash check (SIGKILL after 2.5 s of ${senders} senders):`);
  console.log(`  acknowledged ${result.acknowledged.length}, stored ${copies.size}, acknowledged but missing ${missing}, stored twice ${duplicated}`);
  console.log(`  restarted server /health: ${health.status}`);
  if (missing > 0 || duplicated > 0 || health.status !== 200) {
    console.log("  FAILED");
    process.exitCode = 1;
  } else {
    console.log("  passed");
  }
}

/** Runs `senders` loops that post distinct notifications back to back until the time is up or the server goes away. */
async function sendBurst(url: string, senders: number, durationMs: number, label: string) {
  const acknowledged: string[] = [];
  let errors = 0;
  const deadline = performance.now() + durationMs;
  const runId = `${label}-${Math.random().toString(36).slice(2, 8)}`;

  await Promise.all(
    Array.from({ length: senders }, async (_, sender) => {
      for (let sequence = 0; performance.now() < deadline; sequence++) {
        const respondentId = `${runId}-${sender}-${sequence}`;
        try {
          const response = await fetch(`${url}/webhook`, {
            method: "POST",
            headers: { "content-type": "application/json", ...CREDENTIALS },
            body: JSON.stringify({ event: "result_ready", respondent_id: respondentId, exam_id: "bench" }),
          });
          await response.arrayBuffer();
          if (response.status === 200) acknowledged.push(respondentId);
          else errors++;
        } catch {
          // The server was killed: this sender stops.
          return;
        }
      }
    }),
  );
  return { acknowledged, errors };
}

async function spawnServer(command: string[], env: Record<string, string> = {}) {
  const child = Bun.spawn(command, { env: { ...process.env, ...env }, stdout: "pipe", stderr: "inherit" });
  const reader = child.stdout.getReader();
  let output = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`server exited before listening: ${output}`);
    output += new TextDecoder().decode(value);
    const match = /http:\/\/127\.0\.0\.1:\d+/.exec(output);
    if (match) {
      reader.releaseLock();
      // Keep draining the log so the child never blocks on a full pipe.
      void child.stdout.pipeTo(new WritableStream());
      return { url: match[0], process: child };
    }
  }
}

async function describeDurability(databasePath: string): Promise<string> {
  const client = createClient({ url: `file:${databasePath}` });
  const journal = await client.execute("PRAGMA journal_mode");
  client.close();
  // The inbox sets synchronous = FULL on its own connection before every commit.
  return `libSQL file, journal_mode=${String(journal.rows[0]![0])}, synchronous=FULL`;
}

async function countStored(databasePath: string): Promise<number> {
  const client = createClient({ url: `file:${databasePath}` });
  const result = await client.execute("SELECT count(*) FROM events");
  client.close();
  return Number(result.rows[0]![0]);
}
