/**
 * verify_respondent benchmark on loopback. Three figures from one run:
 *
 * 1. identifier-only verification, requests per second, as a ratio of a bare
 *    `Bun.serve` handler that parses the same JSON body;
 * 2. identifier + argon2id secret, requests per second, as a ratio of the raw
 *    `Bun.password.verify` rate at the same settings and concurrency;
 * 3. a rush: students arriving evenly within a time span against a large
 *    roster, every request gets a response, latency percentiles and outcomes.
 *
 * Each server runs in its own child process; this process generates the load,
 * so both share the machine's cores. Usage:
 *
 *   bun scripts/bench-verify.ts [--duration 10] [--roster 20000] [--rush-students 2000] [--rush-seconds 30]
 *                               [--memory-kib 19456] [--time-cost 2]
 */
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";

const BENCH_CREDENTIALS = { "x-client-id": "bench-client", "x-client-secret": "bench-secret-0123456789" };
const DISTINCT_PASSWORDS = 32;

interface MlangoConfig {
  roster: number;
  identifierOnlyStudents: number;
  memoryCost: number;
  timeCost: number;
}

const { values: options } = parseArgs({
  allowPositionals: true,
  options: {
    duration: { type: "string", default: "10" },
    roster: { type: "string", default: "20000" },
    "rush-students": { type: "string", default: "2000" },
    "rush-seconds": { type: "string", default: "30" },
    "memory-kib": { type: "string", default: "19456" },
    "time-cost": { type: "string", default: "2" },
    "serve-bare": { type: "boolean", default: false },
    "serve-mlango": { type: "string" },
  },
});

/** Simultaneous requests `fetch` may have open; Bun's default of 256 would queue rush requests inside this client. */
const CLIENT_MAX_REQUESTS = "8192";

if (options["serve-bare"]) serveBare();
else if (options["serve-mlango"]) await serveMlango(JSON.parse(options["serve-mlango"]) as MlangoConfig);
else if (process.env.BUN_CONFIG_MAX_HTTP_REQUESTS !== CLIENT_MAX_REQUESTS) await rerunWithClientLimit();
else await runBenchmark();

/** Bun reads the fetch limit from the environment at start, so the load generator restarts itself with it set. */
async function rerunWithClientLimit(): Promise<void> {
  const child = Bun.spawn([process.execPath, import.meta.path, ...process.argv.slice(2)], {
    env: { ...process.env, BUN_CONFIG_MAX_HTTP_REQUESTS: CLIENT_MAX_REQUESTS },
    stdout: "inherit",
    stderr: "inherit",
  });
  process.exit(await child.exited);
}

/** The baseline: parse the body as JSON, respond with a small JSON object. */
function serveBare(): void {
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(request) {
      const body = (await request.json()) as { fields?: unknown[] };
      return Response.json({ metadata: { fields: body.fields?.length ?? 0 } });
    },
  });
  console.error(`READY http://127.0.0.1:${server.port}`);
}

async function serveMlango(config: MlangoConfig): Promise<void> {
  const { loadSettings } = await import("../src/config/settings");
  const { openDatabase } = await import("../src/db/client");
  const { applyMigrations } = await import("../src/db/migrate");
  const { exams, students } = await import("../src/db/schema");
  const { createLogger } = await import("../src/log/logger");
  const { startServer } = await import("../src/server");

  const folder = mkdtempSync(join(tmpdir(), "mlango-bench-"));
  process.on("SIGTERM", () => {
    rmSync(folder, { recursive: true, force: true });
    process.exit(0);
  });
  const handle = await openDatabase(`file:${join(folder, "bench.db")}`);
  await applyMigrations(handle.db);

  const argon2 = { memoryCost: config.memoryCost, timeCost: config.timeCost };
  const hashes = await Promise.all(
    Array.from({ length: DISTINCT_PASSWORDS }, (_, index) =>
      Bun.password.hash(`pass-${index}`, { algorithm: "argon2id", memoryCost: argon2.memoryCost, timeCost: argon2.timeCost }),
    ),
  );
  const rows = [
    ...Array.from({ length: config.roster }, (_, index) => ({ identifier: `S-${index}`, secretHash: hashes[index % DISTINCT_PASSWORDS]! })),
    ...Array.from({ length: config.identifierOnlyStudents }, (_, index) => ({ identifier: `N-${index}`, secretHash: null })),
  ];
  for (let start = 0; start < rows.length; start += 500) {
    const batch = rows.slice(start, start + 500).map((row) => ({
      identifier: row.identifier,
      identifierKey: row.identifier.toLowerCase(),
      secretHash: row.secretHash,
      name: `Student ${row.identifier}`,
      email: `${row.identifier.toLowerCase()}@example.ac.tz`,
    }));
    await handle.db.insert(students).values(batch);
  }
  await handle.db.insert(exams).values({ examId: "id-only", fieldRoles: "identifier", enrollmentRequired: false, updatedAt: Date.now() });

  const settings = loadSettings({
    MLANGO_CLIENT_ID: BENCH_CREDENTIALS["x-client-id"],
    MLANGO_CLIENT_SECRET: BENCH_CREDENTIALS["x-client-secret"],
    MLANGO_ADMIN_PASSWORD: "bench-admin-password",
    MLANGO_HOST: "127.0.0.1",
    MLANGO_PORT: "0",
    MLANGO_DATABASE_URL: handle.url,
    MLANGO_ARGON2_MEMORY_KIB: String(argon2.memoryCost),
    MLANGO_ARGON2_TIME_COST: String(argon2.timeCost),
  });
  if (!settings.ok) throw new Error(JSON.stringify(settings.problems));
  // The server's own log writer, as in production, on a stdout the parent discards: writing the lines is part of the measured cost.
  const logger = createLogger({ format: "json" });
  const server = startServer(settings.settings, handle, logger);
  const info = { concurrency: settings.settings.verifyConcurrency, deadlineMs: settings.settings.verifyDeadlineMs, database: handle.url };
  console.error(`READY ${server.url} ${JSON.stringify(info)}`);
}

interface Child {
  url: string;
  info: { concurrency?: number; deadlineMs?: number; database?: string };
  stop(): Promise<void>;
}

async function startChild(args: string[]): Promise<Child> {
  const child = Bun.spawn([process.execPath, import.meta.path, ...args], { stdout: "ignore", stderr: "pipe" });
  // The child announces its address on stderr, since stdout carries its log.
  const reader = child.stderr.getReader();
  let text = "";
  while (!text.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`benchmark server exited early: ${text}`);
    text += new TextDecoder().decode(value);
  }
  const [, url, info] = /^READY (\S+)(?: (.*))?/m.exec(text)!;
  void drain(reader);
  return {
    url: url!,
    info: info ? JSON.parse(info) : {},
    async stop() {
      child.kill("SIGTERM");
      await child.exited;
    },
  };
}

/** Reads a child's stream until it ends, so that a full pipe does not block the child. */
async function drain(reader: { read(): Promise<{ done: boolean }> }): Promise<void> {
  while (!(await reader.read()).done);
}

function verifyBody(values: string[], examId: string): string {
  return JSON.stringify({ event: "verify_respondent", fields: values.map((value, position) => ({ position, value })), exam_id: examId, choosenLang: "sw" });
}

async function post(url: string, body: string): Promise<{ ok: boolean; json: any }> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...BENCH_CREDENTIALS }, body });
  const json = await response.json();
  return { ok: response.status === 200, json };
}

/** Closed loop: `clients` requests in flight for `seconds`; returns requests per second and failures. */
async function closedLoop(seconds: number, clients: number, send: (index: number) => Promise<boolean>): Promise<{ rate: number; failures: number }> {
  let next = 0;
  let done = 0;
  let failures = 0;
  const endAt = performance.now() + seconds * 1000;
  const startedAt = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < endAt) {
        const ok = await send(next++);
        done += 1;
        if (!ok) failures += 1;
      }
    }),
  );
  return { rate: done / ((performance.now() - startedAt) / 1000), failures };
}

async function rawVerifyRate(seconds: number, concurrency: number, memoryCost: number, timeCost: number): Promise<number> {
  const hash = await Bun.password.hash("pass-0", { algorithm: "argon2id", memoryCost, timeCost });
  const result = await closedLoop(seconds, concurrency, () => Bun.password.verify("pass-0", hash));
  return result.rate;
}

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}

async function runBenchmark(): Promise<void> {
  const seconds = Number(options.duration);
  const roster = Number(options.roster);
  const rushStudents = Number(options["rush-students"]);
  const rushSeconds = Number(options["rush-seconds"]);
  const memoryCost = Number(options["memory-kib"]);
  const timeCost = Number(options["time-cost"]);
  const loadClients = 32;

  console.log(`machine: ${cpus()[0]?.model ?? "unknown CPU"}, ${availableParallelism()} cores, load average ${loadavg().map((load) => load.toFixed(2)).join(" ")}; Bun ${Bun.version}`);
  console.log(`argon2id: memory ${memoryCost} KiB, time cost ${timeCost}, parallelism 1; roster ${roster} students with secrets`);

  const bare = await startChild(["--serve-bare"]);
  const bareResult = await closedLoop(seconds, loadClients, async () => (await post(bare.url, verifyBody(["N-1"], "id-only"))).ok);
  await bare.stop();

  const mlango = await startChild([
    "--serve-mlango",
    JSON.stringify({ roster, identifierOnlyStudents: 2000, memoryCost, timeCost } satisfies MlangoConfig),
  ]);
  const webhook = `${mlango.url}/webhook`;
  const concurrency = mlango.info.concurrency!;
  const deadlineMs = mlango.info.deadlineMs!;

  const identifierOnly = await closedLoop(seconds, loadClients, async (index) => {
    const reply = await post(webhook, verifyBody([`N-${index % 2000}`], "id-only"));
    return reply.ok && reply.json.metadata !== undefined;
  });

  // Each request names a different student, so the success cache is never used.
  let nextStudent = 0;
  const withSecret = await closedLoop(seconds, concurrency * 2, async () => {
    const student = nextStudent++;
    const reply = await post(webhook, verifyBody([`S-${student}`, `pass-${student % DISTINCT_PASSWORDS}`], "exam"));
    return reply.ok && reply.json.metadata !== undefined;
  });
  const raw = await rawVerifyRate(seconds, concurrency, memoryCost, timeCost);

  const rush = await runRush(webhook, nextStudent, rushStudents, rushSeconds, roster, deadlineMs);
  // The server writes audit rows within 20 ms of each response, not before sending it.
  await Bun.sleep(250);
  const serverLatencies = await auditedRushLatencies(mlango.info.database!);
  await mlango.stop();

  console.log("");
  console.log(`load average after the run: ${loadavg().map((load) => load.toFixed(2)).join(" ")}`);
  console.log(`1. identifier only: ${identifierOnly.rate.toFixed(0)} req/s vs bare Bun.serve ${bareResult.rate.toFixed(0)} req/s = ratio ${(identifierOnly.rate / bareResult.rate).toFixed(2)} (${loadClients} clients, ${seconds} s each, failures ${identifierOnly.failures})`);
  console.log(`2. identifier + argon2id: ${withSecret.rate.toFixed(1)} req/s vs raw Bun.password.verify ${raw.toFixed(1)}/s = ratio ${(withSecret.rate / raw).toFixed(2)} (concurrency ${concurrency}, ${concurrency * 2} clients, failures ${withSecret.failures})`);
  console.log(`3. rush: ${rush.sent} students in ${rushSeconds} s, ${rush.answered} answered, ${rush.late} later than the ${deadlineMs} ms deadline, ${rush.failed} failed`);
  console.log(`   latency p50 ${rush.p50.toFixed(0)} ms, p99 ${rush.p99.toFixed(0)} ms, max ${rush.max.toFixed(0)} ms`);
  for (const [outcome, latencies] of Object.entries(rush.byOutcome)) {
    console.log(`   ${outcome}: ${latencies.length}, p50 ${percentile(latencies, 0.5).toFixed(0)} ms, p99 ${percentile(latencies, 0.99).toFixed(0)} ms`);
  }
  const serverSorted = serverLatencies.toSorted((a, b) => a - b);
  console.log(
    `   as audited by the server: ${serverSorted.length} rows, p50 ${percentile(serverSorted, 0.5)} ms, p99 ${percentile(serverSorted, 0.99)} ms, max ${serverSorted.at(-1)} ms`,
  );
}

/** Reads the latencies the server recorded for the rush from its audit table, over a second connection. */
async function auditedRushLatencies(databaseUrl: string): Promise<number[]> {
  const { createClient } = await import("@libsql/client");
  const client = createClient({ url: databaseUrl });
  try {
    const result = await client.execute("SELECT latency_ms FROM verifications WHERE exam_id = 'rush'");
    return result.rows.map((row) => Number(row.latency_ms));
  } finally {
    client.close();
  }
}

/** Open loop: requests start evenly over `seconds`, whether or not earlier ones were answered. */
async function runRush(webhook: string, firstStudent: number, count: number, seconds: number, roster: number, deadlineMs: number) {
  const { studentMessage } = await import("../src/i18n/student-messages");
  const busyText = studentMessage("busy", "sw");
  const startedAt = performance.now();
  const latencies: number[] = [];
  const byOutcome: Record<string, number[]> = {};
  let failed = 0;

  await Promise.all(
    Array.from({ length: count }, async (_, index) => {
      await Bun.sleep(Math.max(0, startedAt + (index * seconds * 1000) / count - performance.now()));
      const student = (firstStudent + index) % roster;
      const sentAt = performance.now();
      try {
        const reply = await post(webhook, verifyBody([`S-${student}`, `pass-${student % DISTINCT_PASSWORDS}`], "rush"));
        const latency = performance.now() - sentAt;
        latencies.push(latency);
        let outcome = `other: ${reply.json.errorMessage}`;
        if (reply.json.metadata) outcome = "accepted";
        else if (reply.json.errorMessage === busyText) outcome = "busy";
        (byOutcome[outcome] ??= []).push(latency);
      } catch {
        failed += 1;
      }
    }),
  );

  latencies.sort((a, b) => a - b);
  for (const list of Object.values(byOutcome)) list.sort((a, b) => a - b);
  return {
    sent: count,
    answered: latencies.length,
    failed,
    late: latencies.filter((latency) => latency > deadlineMs).length,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    max: latencies.at(-1) ?? NaN,
    byOutcome,
  };
}
