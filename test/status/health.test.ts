import { afterEach, describe, expect, test } from "bun:test";
import { readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { recordBackup } from "../../src/backup/backup-database";
import { TEST_ADMIN_PASSWORD, startTestServer, type TestServer } from "../support/test-server";

let server: TestServer | undefined;

afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function getHealth(url: string) {
  const response = await fetch(`${url}/health`);
  return { status: response.status, body: (await response.json()) as any };
}

async function signedInPage(url: string, lang: "sw" | "en"): Promise<string> {
  const login = await fetch(`${url}/login`, { method: "POST", body: `password=${TEST_ADMIN_PASSWORD}`, redirect: "manual" });
  const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
  return (await fetch(`${url}/?lang=${lang}`, { headers: { cookie } })).text();
}

describe("GET /health", () => {
  test("healthy server answers 200 with every check", async () => {
    server = await startTestServer({ MLANGO_PUBLIC_URL: "https://mlango.example.ac.tz" });

    const health = await getHealth(server.url);

    expect(health.status).toBe(200);
    expect(health.body.status).toBe("ok");
    expect(Object.keys(health.body.checks).sort()).toEqual(["backup", "database", "disk", "lastNotification", "lastVerification", "settings"]);
    expect(health.body.checks.database).toEqual({ state: "ok", reachable: true, writable: true });
    expect(health.body.checks.settings).toEqual({ state: "warn", unset: ["MLANGO_BACKUP_DIR"] });
    expect(health.body.checks.disk.freeMb).toBeGreaterThan(0);
    expect(health.body.checks.lastVerification.at).toBeUndefined();
  });

  test("locked database turns 503 and recovers", async () => {
    server = await startTestServer();
    const other = createClient({ url: server.database.url });
    const lock = await other.transaction("write");
    await lock.execute("INSERT INTO app_state (key, value, updated_at) VALUES ('other_writer', 'x', 0)");

    const locked = await getHealth(server.url);
    const page = await (await fetch(`${server.url}/?lang=en`)).text();
    await lock.rollback();
    const recovered = await getHealth(server.url);
    other.close();

    expect(locked.status).toBe(503);
    expect(locked.body.status).toBe("unhealthy");
    expect(locked.body.checks.database.reachable).toBe(true);
    expect(locked.body.checks.database.writable).toBe(false);
    expect(locked.body.checks.database.error).toContain("database lock");
    expect(page).toContain("readable but not writable");
    expect(page).toContain("Something is wrong");
    expect(recovered.status).toBe(200);
    expect(recovered.body.checks.database.writable).toBe(true);
  });

  test("read-only database connection turns 503", async () => {
    server = await startTestServer();
    // query_only makes SQLite refuse every write on the connection, as on a read-only file system.
    await server.database.client.execute("PRAGMA query_only = ON");

    const health = await getHealth(server.url);

    expect(health.status).toBe(503);
    expect(health.body.checks.database.writable).toBe(false);
  });

  test("free disk below the minimum turns 503", async () => {
    server = await startTestServer({ MLANGO_MIN_FREE_DISK_MB: "10000000" });

    const health = await getHealth(server.url);

    expect(health.status).toBe(503);
    expect(health.body.checks.disk.state).toBe("fail");
    expect(health.body.checks.disk.minFreeMb).toBe(10_000_000);
  });

  test("failed scheduled backup shows in health, page and log", async () => {
    const blocker = join(tmpdir(), `mlango-not-a-folder-${process.pid}`);
    writeFileSync(blocker, "a file where the backup folder should be");
    server = await startTestServer({ MLANGO_BACKUP_DIR: join(blocker, "backups") });

    await server.server.backups!.runNow();
    rmSync(blocker);
    const health = await getHealth(server.url);
    const englishPage = await (await fetch(`${server.url}/?lang=en`)).text();
    const swahiliPage = await (await fetch(`${server.url}/?lang=sw`)).text();

    expect(health.status).toBe(503);
    expect(health.body.checks.backup.state).toBe("fail");
    expect(health.body.checks.backup.last.ok).toBe(false);
    expect(englishPage).toContain("failed: ");
    expect(swahiliPage).toContain("imeshindwa: ");
    const logged = server.logLines.map((line) => JSON.parse(line)).find((record) => record.msg === "backup failed");
    expect(logged?.level).toBe("error");
    expect(logged?.file).toContain(blocker);
  });

  test("old backup failure only warns without a schedule", async () => {
    server = await startTestServer();
    await recordBackup(server.database.db, { at: Date.now() - 60_000, ok: false, scheduled: true, file: "/gone/backup.db", error: "ENOENT" });

    const health = await getHealth(server.url);

    expect(health.status).toBe(200);
    expect(health.body.checks.backup.state).toBe("warn");
    expect(health.body.checks.backup.scheduled).toBe(false);
    expect(health.body.checks.backup.last.ok).toBe(false);
  });

  test("scheduled backup shows its file on the status page", async () => {
    server = await startTestServer();
    const folder = join(server.database.folder, "backups");
    await server.stop();
    server = await startTestServer({ MLANGO_BACKUP_DIR: folder, MLANGO_BACKUP_KEEP: "2" });

    for (let run = 0; run < 3; run++) await server.server.backups!.runNow();
    const health = await getHealth(server.url);
    const page = await signedInPage(server.url, "en");

    expect(health.status).toBe(200);
    expect(health.body.checks.backup.state).toBe("ok");
    expect(readdirSync(folder).filter((name: string) => name.endsWith(".db"))).toHaveLength(2);
    expect(page).toContain(health.body.checks.backup.last.file);
  });
});
