import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { runCli } from "../support/run-cli";
import { FAST_ARGON2_ENV } from "../support/test-server";

let folder: string;
const env = () => ({ MLANGO_DATABASE_URL: `file:${join(folder, "roster.db")}`, ...FAST_ARGON2_ENV });

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), "mlango-cli-"));
});

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

async function studentNames(): Promise<string[]> {
  const client = createClient({ url: `file:${join(folder, "roster.db")}` });
  const result = await client.execute("SELECT name FROM students ORDER BY identifier_key");
  client.close();
  return result.rows.map((row) => String(row.name));
}

describe("mlango command line", () => {
  test("new database file is announced once", async () => {
    const url = `file:${join(folder, "elsewhere", "mlango.db")}`;

    const first = await runCli(["exam", "list"], { cwd: folder, env: { MLANGO_DATABASE_URL: url, MLANGO_LANG: "en" } });
    const second = await runCli(["exam", "list"], { cwd: folder, env: { MLANGO_DATABASE_URL: url, MLANGO_LANG: "en" } });

    expect(first.exitCode).toBe(0);
    expect(first.stderr).toContain(`Created a new, empty database: ${join(folder, "elsewhere", "mlango.db")}`);
    expect(second.stderr).not.toContain("Created a new");
  });

  test("serve without settings exits 2", async () => {
    const run = await runCli(["serve"], { cwd: folder });

    expect(run.exitCode).toBe(2);
    const lines = run.stderr.trim().split("\n");
    expect(lines[0]).toContain("Baadhi ya mipangilio haipo au si sahihi");
    expect(lines[0]).toContain("Some settings are missing or wrong");
    for (const name of ["MLANGO_CLIENT_ID", "MLANGO_CLIENT_SECRET", "MLANGO_ADMIN_PASSWORD"]) {
      const line = lines.find((candidate) => candidate.includes(`${name} haijawekwa`));
      expect(line).toContain(`${name} is missing`);
    }
  });

  test("serve reports invalid port", async () => {
    const run = await runCli(["serve"], {
      cwd: folder,
      env: { MLANGO_CLIENT_ID: "a", MLANGO_CLIENT_SECRET: "b", MLANGO_ADMIN_PASSWORD: "password1", MLANGO_PORT: "http" },
    });

    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('MLANGO_PORT="http" si sahihi');
  });

  test.each([
    [["--help"], 0, "Usage: mlango"],
    [["import", "--help"], 0, "Usage: mlango import"],
    [["bogus"], 2, "Unknown command: bogus"],
    [["import"], 2, "Missing: FILE.csv"],
    [["import", "--nope", "x.csv"], 2, "Unknown option: --nope"],
    [["serve", "--port", "9"], 2, "does not take this argument: --port 9"],
    [["import", "missing.csv"], 1, "File not found: missing.csv"],
  ])("mlango %p exits %d", async (args, exitCode, text) => {
    const run = await runCli(args, { cwd: folder, env: { ...env(), MLANGO_LANG: "en" } });

    expect(run.exitCode).toBe(exitCode);
    expect(run.stdout + run.stderr).toContain(text);
  });

  test("help speaks Swahili by default", async () => {
    const run = await runCli(["--help"], { cwd: folder });

    expect(run.stdout).toContain("Matumizi: mlango");
  });

  test("import then bad file changes nothing", async () => {
    writeFileSync(join(folder, "good.csv"), "identifier,secret,name\nS-1,pin,Amina\nS-2,pin,Baraka\n");
    writeFileSync(join(folder, "bad.csv"), "identifier,email,name\nS-1,,Changed\nS-3,not-an-email,New\n");

    const good = await runCli(["import", "good.csv"], { cwd: folder, env: { ...env(), MLANGO_LANG: "en" } });
    const bad = await runCli(["import", "bad.csv"], { cwd: folder, env: { ...env(), MLANGO_LANG: "en" } });

    expect(good.exitCode).toBe(0);
    expect(good.stdout).toContain("2 added");
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toContain("record 3, email: invalid_email");
    expect(await studentNames()).toEqual(["Amina", "Baraka"]);
  });

  test("students without secret warned", async () => {
    writeFileSync(join(folder, "open.csv"), "identifier,secret,name\nOPEN-1,,Open Door\n");

    const run = await runCli(["import", "open.csv"], { cwd: folder, env: { ...env(), MLANGO_LANG: "en" } });

    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("Warning: 1 students on the whole roster (not only this file) have no secret");
  });

  test("dry run names empty secret cells", async () => {
    writeFileSync(join(folder, "gaps.csv"), "identifier,secret,name\nGAP-1,,Ali\nGAP-2,pin,Bea\n");

    const run = await runCli(["import", "gaps.csv", "--dry-run"], { cwd: folder, env: { ...env(), MLANGO_LANG: "en" } });

    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("Warning: 1 students have an empty secret cell and would be admitted on their identifier alone: GAP-1");
  });

  test("sync dry run names students to disable", async () => {
    const syncEnv = { ...env(), MLANGO_DATABASE_URL: `file:${join(folder, "sync.db")}`, MLANGO_LANG: "en" };
    writeFileSync(join(folder, "all.csv"), "identifier,name\nSYNC-1,A\nSYNC-2,B\nSYNC-3,C\n");
    writeFileSync(join(folder, "one.csv"), "identifier,name\nSYNC-1,A\n");
    await runCli(["import", "all.csv"], { cwd: folder, env: syncEnv });

    const run = await runCli(["import", "one.csv", "--mode", "sync", "--dry-run"], { cwd: folder, env: syncEnv });

    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("Warning: 2 students missing from the file would be disabled: SYNC-2, SYNC-3");
  });

  test("dry run reports in Swahili", async () => {
    writeFileSync(join(folder, "more.csv"), "identifier,name\nS-9,Zawadi\n");

    const run = await runCli(["import", "more.csv", "--dry-run"], { cwd: folder, env: env() });

    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("wangeongezwa 1");
    expect(await studentNames()).not.toContain("Zawadi");
  });

  test("Latin-1 file read as Windows-1252", async () => {
    writeFileSync(join(folder, "latin1.csv"), Buffer.from("identifier,name\nS-5,Jos\xe9\n", "latin1"));

    const run = await runCli(["import", "latin1.csv"], { cwd: folder, env: { ...env(), MLANGO_LANG: "en" } });

    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("encoding windows-1252 (detected)");
    expect(await studentNames()).toContain("José");
  });

  test("exam set validates roles", async () => {
    const bad = await runCli(["exam", "set", "math", "--fields", "identifier,pin"], { cwd: folder, env: { ...env(), MLANGO_LANG: "en" } });
    const good = await runCli(["exam", "set", "math", "--fields", "email,ignore,secret"], { cwd: folder, env: { ...env(), MLANGO_LANG: "en" } });

    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('unknown role "pin"');
    expect(good.exitCode).toBe(0);
    expect(good.stdout).toContain("Exam math: fields email,ignore,secret");
  });
});

describe("paths of the wrong kind", () => {
  test.each([
    [["import", "."], "is a folder, not a file"],
    [["enroll", "exam-1", "."], "is a folder, not a file"],
    [["backup", "."], "is a folder, not a file"],
    [["backup", "no-such-folder/copy.db"], "does not exist (or is a file, not a folder). Create it first"],
    [["backup", "roster.db/copy.db"], "roster.db does not exist (or is a file, not a folder)"],
  ])("mlango %p explains", async (args, message) => {
    const run = await runCli(args, { cwd: folder, env: { ...env(), MLANGO_LANG: "en" } });

    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain(message);
  });
});
