import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { delimited, rosterSnapshot, runMlango, utf8, writeFixture } from "../support/roster-files";
import { createTempDatabase, FAST_ARGON2_ENV } from "../support/test-server";

const MAIN = join(import.meta.dir, "../../src/cli/main.ts");
// Enough rows that staging outlasts the 5 s after which the import announces its merge on stderr.
const ROWS = 150_000;

let database: Awaited<ReturnType<typeof createTempDatabase>>;
let before: string;

beforeAll(async () => {
  database = await createTempDatabase();
  writeFixture(database.folder, "first.csv", utf8(delimited([["identifier", "name"], ...Array.from({ length: 50 }, (_, index) => [`OLD-${index}`, `Old ${index}`])])));
  const first = await runMlango(database.folder, ["import", "first.csv"]);
  expect(first.code).toBe(0);
  const big = Array.from({ length: ROWS }, (_, index) => [`NEW-${index}`, `New student ${index}`, "4B"]);
  writeFixture(database.folder, "big.csv", utf8(delimited([["identifier", "name", "class"], ...big])));
  before = await rosterSnapshot(database.db);
});

afterAll(() => {
  database.cleanup();
});

/** Starts `mlango import big.csv --mode sync` as its own process and kills it with SIGKILL at the chosen moment. */
async function killImport(moment: { afterMs: number } | { onStderr: string }) {
  const child = Bun.spawn([process.execPath, MAIN, "import", "big.csv", "--mode", "sync"], {
    cwd: database.folder,
    env: { ...process.env, MLANGO_DATABASE_URL: `file:${join(database.folder, "mlango.db")}`, MLANGO_LANG: "en", ...FAST_ARGON2_ENV },
    stdout: "pipe",
    stderr: "pipe",
  });
  if ("afterMs" in moment) {
    await Bun.sleep(moment.afterMs);
  } else {
    const decoder = new TextDecoder();
    let seen = "";
    for await (const chunk of child.stderr) {
      seen += decoder.decode(chunk);
      if (seen.includes(moment.onStderr)) break;
    }
  }
  child.kill("SIGKILL");
  return child.exited;
}


describe("import killed with SIGKILL", () => {
  test.each([
    ["while starting", { afterMs: 40 }],
    ["while staging", { afterMs: 500 }],
    ["as the merge starts", { onStderr: "Writing the roster" }],
  ])(
    "%s leaves the roster as it was",
    async (_name, moment) => {
      const exitCode = await killImport(moment);

      expect(exitCode).not.toBe(0);
      expect(await rosterSnapshot(database.db)).toBe(before);
    },
    30_000,
  );

  test("next import cleans up and succeeds", async () => {
    const run = await runMlango(database.folder, ["import", "first.csv", "--mode", "sync"]);

    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    expect(run.out).toContain("0 added, 0 updated, 50 unchanged, 0 disabled");
    const [staged] = await database.db.all<{ total: number }>(sql`SELECT count(*) AS total FROM roster_staging`);
    expect(staged!.total).toBe(0);
  });
});
