import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { createClient, type Client } from "@libsql/client";
import { silentLogger } from "../../src/log/logger";
import { createStudentDirectory, type StudentDirectory } from "../../src/roster/student-directory";
import { seedRoster } from "../support/roster-fixtures";
import { createTempDatabase, postWebhook, startTestServer, type TestServer } from "../support/test-server";

const ROSTER = ["identifier,name,email", "S-1,Amina Juma,amina@shule.ac.tz", "S-2,Baraka Otieno,shared@shule.ac.tz", "S-3,Chausiku Ali,shared@shule.ac.tz"].join("\n");

/** Reads the roster version over `client`, a connection the directory does not know about. */
async function versionOf(client: Client): Promise<number> {
  const result = await client.execute("SELECT version FROM roster_version WHERE id = 1");
  return Number(result.rows[0]![0]);
}

describe("student directory", () => {
  let database: Awaited<ReturnType<typeof createTempDatabase>>;
  let other: Client;
  let directory: StudentDirectory | undefined;

  beforeEach(async () => {
    database = await createTempDatabase();
    other = createClient({ url: database.url });
    await seedRoster(database.db, ROSTER);
  });

  afterEach(() => {
    directory?.stop();
    other.close();
    database.cleanup();
  });

  test("roster version counts every change", async () => {
    const start = await versionOf(other);
    await other.execute("INSERT INTO students (identifier, identifier_key) VALUES ('S-9', 's-9')");
    await other.execute("UPDATE students SET name = 'Amina J.' WHERE identifier_key = 's-1'");
    await other.execute("DELETE FROM students WHERE identifier_key = 's-9'");

    expect(await versionOf(other)).toBe(start + 3);
  });

  test("finds by identifier and email", async () => {
    directory = createStudentDirectory(database.db, silentLogger, { memoryLimit: 100, pollMs: 60_000 });
    await directory.refresh();

    const byIdentifier = await directory.find("s-1", "s-1");
    expect(byIdentifier.map((student) => student.name)).toEqual(["Amina Juma"]);
    const byUniqueEmail = await directory.find("amina@shule.ac.tz", "amina@shule.ac.tz");
    expect(byUniqueEmail.map((student) => student.name)).toEqual(["Amina Juma"]);
    const byShared = await directory.find("shared@shule.ac.tz", "shared@shule.ac.tz");
    expect(byShared.map((student) => student.name).sort()).toEqual(["Baraka Otieno", "Chausiku Ali"]);
    expect(await directory.find("nobody", "nobody")).toEqual([]);
  });

  test("sees another connection's change", async () => {
    directory = createStudentDirectory(database.db, silentLogger, { memoryLimit: 100, pollMs: 60_000 });
    await directory.refresh();
    expect((await directory.find("s-2", "s-2"))[0]!.disabled).toBe(false);

    await other.execute("UPDATE students SET disabled = 1 WHERE identifier_key = 's-2'");
    await directory.refresh();

    expect((await directory.find("s-2", "s-2"))[0]!.disabled).toBe(true);
  });

  test("finds a student added later", async () => {
    directory = createStudentDirectory(database.db, silentLogger, { memoryLimit: 100, pollMs: 60_000 });
    await directory.refresh();

    await other.execute("INSERT INTO students (identifier, identifier_key, name) VALUES ('S-4', 's-4', 'Daudi Mwita')");

    expect((await directory.find("s-4", "s-4")).map((student) => student.name)).toEqual(["Daudi Mwita"]);
  });

  test("large roster read from database", async () => {
    directory = createStudentDirectory(database.db, silentLogger, { memoryLimit: 2, pollMs: 60_000 });
    await directory.refresh();

    await other.execute("UPDATE students SET name = 'Amina Juma Said' WHERE identifier_key = 's-1'");

    expect((await directory.find("s-1", "s-1")).map((student) => student.name)).toEqual(["Amina Juma Said"]);
  });
});

describe("roster changes reach a running server", () => {
  let server: TestServer;

  beforeEach(async () => {
    server = await startTestServer();
    await seedRoster(server.database.db, ROSTER);
  });

  afterEach(() => server.stop());

  test("disabled elsewhere, refused within seconds", async () => {
    const body = { event: "verify_respondent", fields: [{ position: 0, value: "S-1" }], exam_id: "exam-1", choosenLang: "en" };
    // Until its next read of the roster version, the server finds the seeded students in the database.
    // Waiting lets it load them into memory, which is the path under test.
    await Bun.sleep(1500);
    const before = await postWebhook(server.webhookUrl, body);
    expect(before.json.metadata?.name).toBe("Amina Juma");

    const other = createClient({ url: server.database.url });
    await other.execute("UPDATE students SET disabled = 1 WHERE identifier_key = 's-1'");
    other.close();

    // The server reads the roster version every second, and a slow machine may take longer.
    let reply = await postWebhook(server.webhookUrl, body);
    for (let waited = 0; reply.json.metadata && waited < 3000; waited += 200) {
      await Bun.sleep(200);
      reply = await postWebhook(server.webhookUrl, body);
    }
    expect(reply.json.metadata).toBeUndefined();
    expect(reply.json.errorMessage).toContain("disabled");
  });
});
