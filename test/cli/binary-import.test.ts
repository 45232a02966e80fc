import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { delimited, encodeSingleByte, encodeUtf16, storedStudents, writeFixture } from "../support/roster-files";
import { runCli } from "../support/run-cli";
import { createTempDatabase, FAST_ARGON2_ENV } from "../support/test-server";

/** Built by `npm run build`; `npm test` builds it first. */
const BINARY = join(import.meta.dir, "../../dist/mlango");

let database: Awaited<ReturnType<typeof createTempDatabase>>;

beforeAll(async () => {
  database = await createTempDatabase();
});

afterAll(() => {
  database.cleanup();
});

async function runBinary(args: string[]) {
  const run = await runCli(args, {
    cwd: database.folder,
    command: [BINARY],
    env: { MLANGO_DATABASE_URL: `file:${join(database.folder, "mlango.db")}`, MLANGO_LANG: "en", ...FAST_ARGON2_ENV },
  });
  return { out: run.stdout, err: run.stderr, code: run.exitCode };
}

describe.skipIf(!existsSync(BINARY))("compiled binary import", () => {
  test("windows-1252 file", async () => {
    writeFixture(database.folder, "cp1252.csv", encodeSingleByte(delimited([["Matric No", "Name"], ["0001", "Renée Ñandú"]], ";"), "windows-1252"));

    const run = await runBinary(["import", "cp1252.csv"]);

    expect(run.err).not.toContain("error");
    expect(run.code).toBe(0);
    expect(run.out).toContain('encoding windows-1252 (detected), delimiter ";" (detected)');
    expect((await storedStudents(database.db)).map((row) => row.name)).toContain("Renée Ñandú");
  });

  test("mac roman file with --encoding", async () => {
    writeFixture(database.folder, "mac.csv", encodeSingleByte(delimited([["identifier", "name"], ["0002", "Ülkü"]], ",", "\r"), "macintosh"));

    const run = await runBinary(["import", "mac.csv", "--encoding", "macintosh"]);

    expect(run.code).toBe(0);
    expect((await storedStudents(database.db)).map((row) => row.name)).toContain("Ülkü");
  });

  test("utf-16 Unicode text file", async () => {
    writeFixture(database.folder, "unicode.txt", encodeUtf16(delimited([["Reg No", "Name"], ["0003", "Zoë"]], "\t"), "le"));

    const run = await runBinary(["import", "unicode.txt"]);

    expect(run.code).toBe(0);
    expect(run.out).toContain("encoding utf-16le (detected)");
  });
});
