import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { copyFileSync, existsSync, readdirSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { count } from "drizzle-orm";
import { openDatabase } from "../../src/db/client";
import { applyMigrations, embeddedMigrations } from "../../src/db/migrate";
import { events, students } from "../../src/db/schema";
import { seedRoster } from "../support/roster-fixtures";
import { runCli } from "../support/run-cli";
import { postWebhook, startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
let env: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer();
  await seedRoster(server.database.db, "identifier,secret,name\nS-1,pin-1,Amina Juma\nS-2,pin-2,Baraka Otieno\nS-3,pin-3,Chiamaka Okafor\n");
  env = { MLANGO_DATABASE_URL: server.database.url, MLANGO_LANG: "en" };
});

afterAll(async () => {
  await server.stop();
});

const verifyS1 = { event: "verify_respondent", fields: [{ position: 0, value: "S-1" }, { position: 1, value: "pin-1" }], exam_id: "e-1", choosenLang: "en" };

/** Sends a verification and a notification after another until stopped, recording every status. */
function startTraffic() {
  const statuses: number[] = [];
  let acknowledgedNotifications = 0;
  let running = true;
  const loop = (async () => {
    for (let index = 0; running; index++) {
      const verify = await postWebhook(server.webhookUrl, verifyS1);
      statuses.push(verify.status);
      const notification = await postWebhook(server.webhookUrl, { event: "result_ready", respondent_id: `traffic-${index}`, exam_id: "e-1" });
      statuses.push(notification.status);
      if (notification.status === 200) acknowledgedNotifications++;
    }
  })();
  return {
    statuses,
    acknowledged: () => acknowledgedNotifications,
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

async function countRows(url: string, table: "students" | "events"): Promise<number> {
  const client = createClient({ url });
  try {
    return Number((await client.execute(`SELECT count(*) FROM ${table}`)).rows[0]![0]);
  } finally {
    client.close();
  }
}

async function rosterVersion(url: string): Promise<number> {
  const client = createClient({ url });
  try {
    return Number((await client.execute("SELECT version FROM roster_version WHERE id = 1")).rows[0]![0]);
  } finally {
    client.close();
  }
}

describe("backup and restore", () => {
  test("round trip while requests are served", async () => {
    const backupFile = join(server.database.folder, "round-trip.db");
    const traffic = startTraffic();
    await Bun.sleep(150);

    const acknowledgedBeforeBackup = traffic.acknowledged();
    const backup = await runCli(["backup", backupFile], { cwd: server.database.folder, env });
    await seedRoster(server.database.db, "identifier,secret,name\nS-9,pin-9,Added After Backup\n");
    const restore = await runCli(["restore", backupFile, "--yes"], { cwd: server.database.folder, env });
    await Bun.sleep(100);
    await traffic.stop();
    const afterRestore = await postWebhook(server.webhookUrl, verifyS1);
    const [studentCount] = await server.database.db.select({ n: count() }).from(students);

    expect(backup.exitCode).toBe(0);
    expect(backup.stdout).toContain("Backup written");
    expect(await countRows(`file:${backupFile}`, "students")).toBe(3);
    expect(await countRows(`file:${backupFile}`, "events")).toBeGreaterThanOrEqual(acknowledgedBeforeBackup);
    expect(restore.exitCode).toBe(0);
    expect(restore.stdout).toContain("Restored from");
    expect(studentCount!.n).toBe(3);
    expect(afterRestore.json.metadata.name).toBe("Amina Juma");
    expect(traffic.statuses.length).toBeGreaterThan(10);
    expect(traffic.statuses.filter((status) => status !== 200)).toEqual([]);

    const safetyCopy = readdirSync(server.database.folder).find((name) => name.startsWith("mlango-before-restore-"));
    expect(safetyCopy).toBeDefined();
    expect(await countRows(`file:${join(server.database.folder, safetyCopy!)}`, "students")).toBe(4);
  });

  test("restore reaches the in-memory roster", async () => {
    const backupFile = join(server.database.folder, "roster-version.db");
    const verifyS8 = { event: "verify_respondent", fields: [{ position: 0, value: "S-8" }, { position: 1, value: "pin-8" }], exam_id: "e-1", choosenLang: "en" };
    expect((await runCli(["backup", backupFile], { cwd: server.database.folder, env })).exitCode).toBe(0);
    await seedRoster(server.database.db, "identifier,secret,name\nS-8,pin-8,Added After Backup\n");
    // Let the server load S-8 into memory before the restore removes it.
    await Bun.sleep(1500);
    expect((await postWebhook(server.webhookUrl, verifyS8)).json.metadata?.name).toBe("Added After Backup");
    const versionBefore = await rosterVersion(server.database.url);

    const restore = await runCli(["restore", backupFile, "--yes"], { cwd: server.database.folder, env });

    expect(restore.exitCode).toBe(0);
    expect(await rosterVersion(server.database.url)).toBeGreaterThan(versionBefore);
    let reply = await postWebhook(server.webhookUrl, verifyS8);
    for (let waited = 0; reply.json.metadata && waited < 3000; waited += 200) {
      await Bun.sleep(200);
      reply = await postWebhook(server.webhookUrl, verifyS8);
    }
    expect(reply.json.metadata).toBeUndefined();
  });

  test("backup refuses an existing file", async () => {
    const existing = join(server.database.folder, "exists.db");
    writeFileSync(existing, "keep me");

    const result = await runCli(["backup", existing], { cwd: server.database.folder, env });

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain("already exists");
    expect(await Bun.file(existing).text()).toBe("keep me");
  });

  test("backup of a libSQL server is a usage error", async () => {
    const result = await runCli(["backup", "x.db"], { cwd: server.database.folder, env: { ...env, MLANGO_DATABASE_URL: "libsql://db.example.ac.tz" } });

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("file: database only");
  });

  describe("restore rejects", () => {
    const cases: [string, (folder: string) => string | Promise<string>, string][] = [
      ["a missing file", (folder) => join(folder, "missing.db"), "File not found"],
      ["a text file", (folder) => writeAndReturn(join(folder, "notes.db"), "not a database"), "not an SQLite database"],
      ["another SQLite database", (folder) => plainSqliteFile(join(folder, "other.db")), "not a Mlango backup"],
      ["a truncated backup", (folder) => truncatedBackup(folder), "truncated.db"],
      ["a backup from a newer release", (folder) => backupFromNewerRelease(folder), "newer Mlango release"],
    ];

    test.each(cases)("%s and changes nothing", async (_name, makeFile, message) => {
      const path = await makeFile(server.database.folder);
      const filesBefore = readdirSync(server.database.folder).length;
      const [before] = await server.database.db.select({ n: count() }).from(students);
      const [eventsBefore] = await server.database.db.select({ n: count() }).from(events);

      const result = await runCli(["restore", path, "--yes"], { cwd: server.database.folder, env });
      const [after] = await server.database.db.select({ n: count() }).from(students);
      const [eventsAfter] = await server.database.db.select({ n: count() }).from(events);

      expect(result.exitCode).toBe(1);
      expect(result.stderr.toLowerCase()).toContain(message.toLowerCase());
      expect(after!.n).toBe(before!.n);
      expect(eventsAfter!.n).toBe(eventsBefore!.n);
      expect(readdirSync(server.database.folder).length).toBe(filesBefore);
    });

    test("without confirmation", async () => {
      const backupFile = join(server.database.folder, "unconfirmed.db");
      await runCli(["backup", backupFile], { cwd: server.database.folder, env });
      await seedRoster(server.database.db, "identifier,secret\nS-10,pin-10\n");
      const [before] = await server.database.db.select({ n: count() }).from(students);

      const result = await runCli(["restore", backupFile], { cwd: server.database.folder, env, stdin: "no\n" });
      const [after] = await server.database.db.select({ n: count() }).from(students);

      expect(result.exitCode).toBe(1);
      expect(result.stderr).toContain("Type yes to continue");
      expect(result.stderr).toContain("Cancelled; nothing was changed.");
      expect(after!.n).toBe(before!.n);
    });

    test("backup from an older release is migrated", async () => {
      const path = join(server.database.folder, "older-release.db");
      const older = await openDatabase(`file:${path}`);
      await applyMigrations(older.db, embeddedMigrations.slice(0, 1));
      await older.client.execute("INSERT INTO students (identifier, identifier_key, name) VALUES ('OLD-1', 'old-1', 'From An Older Release')");
      older.close();

      const result = await runCli(["restore", path, "--yes"], { cwd: server.database.folder, env });
      const restored = await server.database.db.select({ identifier: students.identifier }).from(students);

      expect(result.stderr).toBe("");
      expect(result.exitCode).toBe(0);
      expect(restored).toEqual([{ identifier: "OLD-1" }]);
    });

    test("confirmed in Swahili", async () => {
      const backupFile = join(server.database.folder, "confirmed.db");
      const backup = await runCli(["backup", backupFile], { cwd: server.database.folder, env });

      const result = await runCli(["restore", backupFile], { cwd: server.database.folder, env: { ...env, MLANGO_LANG: "sw" }, stdin: "ndiyo\n" });

      expect(backup.stderr).toBe("");
      expect(result.stderr).toContain("Andika ndiyo kuendelea");
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toContain("Imerejeshwa kutoka");
    });
  });
});

function writeAndReturn(path: string, text: string): string {
  writeFileSync(path, text);
  return path;
}

async function plainSqliteFile(path: string): Promise<string> {
  const client = createClient({ url: `file:${path}` });
  await client.batch(["CREATE TABLE notes (text TEXT)", "INSERT INTO notes VALUES ('hello')"], "write");
  client.close();
  return path;
}

/** A copy of the live database whose migrations table names a migration this build does not know. */
async function backupFromNewerRelease(folder: string): Promise<string> {
  const path = join(folder, "newer-release.db");
  await runCli(["backup", path], { cwd: folder, env });
  const client = createClient({ url: `file:${path}` });
  await client.execute(`INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('from-the-future', ${Date.UTC(2100, 0, 1)})`);
  client.close();
  return path;
}

function truncatedBackup(folder: string): string {
  const source = join(folder, "round-trip.db");
  const path = join(folder, "truncated.db");
  if (!existsSync(source)) throw new Error("the round-trip test must run first");
  copyFileSync(source, path);
  truncateSync(path, 8192);
  return path;
}
