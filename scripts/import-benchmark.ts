/**
 * Roster import benchmark: rows per second and peak memory (max RSS of the
 * import process) for files without secrets, the verification latency of a
 * server that responds on the same database during each import, and
 * the import's argon2id hashing rate as a share of the raw rate measured in
 * this same run at the same settings.
 *
 *   bun scripts/import-benchmark.ts [--rows 100000,1000000] [--secrets 1000]
 *
 * Argon2id settings come from MLANGO_ARGON2_MEMORY_KIB / MLANGO_ARGON2_TIME_COST
 * (defaults 19456 KiB, 2 passes, the product defaults).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadSettings } from "../src/config/settings";
import { openDatabase } from "../src/db/client";
import { applyMigrations } from "../src/db/migrate";
import { silentLogger } from "../src/log/logger";
import { startServer } from "../src/server";

const { values } = parseArgs({ options: { rows: { type: "string", default: "100000,1000000" }, secrets: { type: "string", default: "1000" } } });
const rowCounts = values.rows!.split(",").map(Number);
const secretCount = Number(values.secrets);
const argon2 = { memoryCost: Number(process.env.MLANGO_ARGON2_MEMORY_KIB ?? 19456), timeCost: Number(process.env.MLANGO_ARGON2_TIME_COST ?? 2) };
const MAIN = join(import.meta.dir, "../src/cli/main.ts");
const folder = mkdtempSync(join(tmpdir(), "mlango-import-bench-"));

/** Writes a roster file row by row so the benchmark itself never keeps it in memory. */
async function writeRoster(path: string, rows: number, withSecrets: boolean) {
  const writer = Bun.file(path).writer();
  writer.write(withSecrets ? "Matric No,First Name,Surname,Password,Class\r\n" : "Matric No,First Name,Surname,Class\r\n");
  for (let index = 0; index < rows; index += 1) {
    const id = String(index).padStart(8, "0");
    writer.write(withSecrets ? `${id},Amani,Mwangi ${index},pw-${index}-x,4B\r\n` : `${id},Amani,Mwangi ${index},4B\r\n`);
  }
  await writer.end();
}

/** Runs `mlango import` as a child process; returns wall seconds and max RSS in MiB. */
async function runImport(databaseUrl: string, file: string) {
  const started = performance.now();
  const child = Bun.spawn([process.execPath, MAIN, "import", file], {
    env: { ...process.env, MLANGO_DATABASE_URL: databaseUrl, MLANGO_LANG: "en", MLANGO_ARGON2_MEMORY_KIB: String(argon2.memoryCost), MLANGO_ARGON2_TIME_COST: String(argon2.timeCost) },
    stdout: "pipe",
    stderr: "pipe",
  });
  const code = await child.exited;
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`import failed: ${await new Response(child.stderr).text()}`);
  // Bun reports maxRSS in bytes.
  const maxRssMiB = (child.resourceUsage()?.maxRSS ?? 0) / (1024 * 1024);
  const lines = (await new Response(child.stdout).text()).trim().split("\n");
  return { seconds, maxRssMiB, output: lines.find((line) => line.startsWith("Done:")), hashed: lines.find((line) => line.includes("hashed with argon2id")) };
}

/** Polls verify_respondent on a server over the same database every 50 ms; returns the longest latency seen. */
function pollVerifications(url: string) {
  let stop = false;
  const latencies: number[] = [];
  const done = (async () => {
    while (!stop) {
      const started = performance.now();
      const response = await fetch(`${url}/webhook`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-client-id": "bench", "x-client-secret": "bench-secret-0123456789" },
        body: JSON.stringify({ event: "verify_respondent", fields: [{ position: 0, value: "no-such-student" }], exam_id: "bench", choosenLang: "en" }),
      });
      await response.text();
      latencies.push(performance.now() - started);
      await Bun.sleep(50);
    }
  })();
  return async () => {
    stop = true;
    await done;
    latencies.sort((a, b) => a - b);
    const at = (share: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * share))] ?? 0;
    return { medianMs: at(0.5), p99Ms: at(0.99), longestMs: latencies.at(-1) ?? 0, requests: latencies.length };
  };
}

async function rowsBenchmark(rows: number) {
  const file = join(folder, `roster-${rows}.csv`);
  await writeRoster(file, rows, false);
  const databaseUrl = `file:${join(folder, `bench-${rows}.db`)}`;
  const handle = await openDatabase(databaseUrl);
  await applyMigrations(handle.db);
  const settings = loadSettings({
    MLANGO_CLIENT_ID: "bench",
    MLANGO_CLIENT_SECRET: "bench-secret-0123456789",
    MLANGO_ADMIN_PASSWORD: "bench-admin-password",
    MLANGO_HOST: "127.0.0.1",
    MLANGO_PORT: "0",
    MLANGO_DATABASE_URL: databaseUrl,
    MLANGO_ARGON2_MEMORY_KIB: "1024",
    MLANGO_ARGON2_TIME_COST: "1",
  });
  if (!settings.ok) throw new Error("invalid benchmark settings");
  const server = startServer(settings.settings, handle, silentLogger);

  const results = [];
  for (const pass of ["first import", "same file again"]) {
    const stopPolling = pollVerifications(server.url);
    const run = await runImport(databaseUrl, file);
    const polled = await stopPolling();
    results.push({ rows, pass, ...run, rowsPerSecond: Math.round(rows / run.seconds), ...polled });
  }
  await server.stop();
  handle.close();
  rmSync(file);
  return results;
}

async function rawHashRate(count: number) {
  const concurrency = navigator.hardwareConcurrency * 2;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const index = next++;
        await Bun.password.hash(`pw-${index}-x`, { algorithm: "argon2id", ...argon2 });
      }
    }),
  );
  return count / ((performance.now() - started) / 1000);
}

console.log(`machine: ${navigator.hardwareConcurrency} cores, bun ${Bun.version}; argon2id m=${argon2.memoryCost} KiB t=${argon2.timeCost}`);
for (const rows of rowCounts) {
  for (const result of await rowsBenchmark(rows)) {
    console.log(
      `${result.rows} rows, ${result.pass}: ${result.seconds.toFixed(1)} s, ${result.rowsPerSecond} rows/s, max RSS ${result.maxRssMiB.toFixed(0)} MiB, ` +
        `verification latency during import: median ${result.medianMs.toFixed(0)} ms, p99 ${result.p99Ms.toFixed(0)} ms, max ${result.longestMs.toFixed(0)} ms over ${result.requests} requests | ${result.output}`,
    );
  }
}

// The machine is shared, so raw and import runs alternate and each round gives its own ratio.
const HASH_ROUNDS = 3;
if (secretCount > 0) {
  const file = join(folder, "secrets.csv");
  await writeRoster(file, secretCount, true);
  const ratios: number[] = [];
  for (let round = 1; round <= HASH_ROUNDS; round += 1) {
    const raw = await rawHashRate(secretCount);
    const imported = await runImport(`file:${join(folder, `secrets-${round}.db`)}`, file);
    const hashingRate = Number(/\(([\d.]+) per second\)/.exec(imported.hashed ?? "")?.[1]);
    const wholeRate = secretCount / imported.seconds;
    ratios.push(hashingRate / raw);
    console.log(
      `round ${round}, ${secretCount} plain secrets: raw argon2id ${raw.toFixed(1)} hashes/s; import hashing phase ${hashingRate.toFixed(1)}/s, ratio ${(hashingRate / raw).toFixed(3)}; ` +
        `whole import incl. process start ${wholeRate.toFixed(1)}/s, ratio ${(wholeRate / raw).toFixed(3)}`,
    );
  }
  console.log(`median hashing ratio ${ratios.sort((a, b) => a - b)[Math.floor(ratios.length / 2)]!.toFixed(3)}`);
}

rmSync(folder, { recursive: true, force: true });
