/**
 * Cost of keeping the roster in memory: the time to load it and the memory it
 * holds, for rosters of several sizes, each on a fresh libSQL file with
 * realistic rows (argon2id hash, name, email, two data columns).
 *
 *   bun scripts/bench-roster-memory.ts [--students 20000,100000]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "../src/db/client";
import { applyMigrations } from "../src/db/migrate";
import { students } from "../src/db/schema";
import { silentLogger } from "../src/log/logger";
import { createStudentDirectory } from "../src/roster/student-directory";

const { values: options } = parseArgs({ options: { students: { type: "string", default: "20000,100000" } } });
const sizes = options.students.split(",").map(Number);

console.log(`machine: ${cpus()[0]?.model ?? "unknown CPU"}, ${availableParallelism()} cores; Bun ${Bun.version}`);
const hash = await Bun.password.hash("sample-secret", { algorithm: "argon2id", memoryCost: 19456, timeCost: 2 });

for (const size of sizes) {
  const folder = mkdtempSync(join(tmpdir(), "mlango-roster-memory-"));
  const handle = await openDatabase(`file:${join(folder, "roster.db")}`);
  await applyMigrations(handle.db);
  for (let start = 0; start < size; start += 1000) {
    const rows = Array.from({ length: Math.min(1000, size - start) }, (_, offset) => {
      const index = start + offset;
      return {
        identifier: `2026/SCI/${String(index).padStart(6, "0")}`,
        identifierKey: `2026/sci/${String(index).padStart(6, "0")}`,
        emailKey: `student${index}@shule.ac.tz`,
        email: `student${index}@shule.ac.tz`,
        name: `Mwanafunzi Namba ${index}`,
        secretHash: hash,
        data: JSON.stringify({ class: `Form ${(index % 4) + 1}`, stream: "B" }),
      };
    });
    await handle.db.insert(students).values(rows);
  }

  Bun.gc(true);
  const before = process.memoryUsage().rss;
  const startedAt = performance.now();
  const directory = createStudentDirectory(handle.db, silentLogger, { memoryLimit: Number.MAX_SAFE_INTEGER, pollMs: 3_600_000 });
  await directory.refresh();
  const loadMs = performance.now() - startedAt;
  Bun.gc(true);
  const heldMiB = (process.memoryUsage().rss - before) / 1024 / 1024;
  const found = await directory.find("2026/sci/000007", "2026/sci/000007");

  console.log(`${size} students: loaded in ${loadMs.toFixed(0)} ms, memory held ${heldMiB.toFixed(0)} MiB (${((heldMiB * 1024 * 1024) / size).toFixed(0)} bytes a student); lookup check: ${found[0]?.name}`);
  directory.stop();
  handle.close();
  rmSync(folder, { recursive: true, force: true });
}
