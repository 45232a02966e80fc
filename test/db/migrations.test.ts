import { describe, expect, test } from "bun:test";
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { applyMigrations, embeddedMigrations } from "../../src/db/migrate";
import { createTempDatabase } from "../support/test-server";

const ROOT = join(import.meta.dir, "../..");

describe("migrations", () => {
  test("embedded set matches drizzle folder", () => {
    const sqlFiles = readdirSync(join(ROOT, "drizzle")).filter((name) => name.endsWith(".sql"));

    expect(embeddedMigrations.length).toBe(sqlFiles.length);
    expect(embeddedMigrations.length).toBeGreaterThan(0);
  });

  test("applying twice is a no-op", async () => {
    const database = await createTempDatabase();

    expect(await applyMigrations(database.db)).toBe(0);
    const tables = await database.client.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    expect(tables.rows.map((row) => row.name)).toContain("students");
    database.cleanup();
  });

  test("empty migration set fails loudly", async () => {
    const database = await createTempDatabase();

    expect(applyMigrations(database.db, [])).rejects.toThrow("no database migrations are embedded");
    database.cleanup();
  });

  test("schema has no ungenerated changes", async () => {
    const folder = mkdtempSync(join(tmpdir(), "mlango-drizzle-"));
    cpSync(join(ROOT, "drizzle"), join(folder, "drizzle"), { recursive: true });
    writeFileSync(
      join(folder, "drizzle.config.ts"),
      // drizzle-kit reads both paths relative to its working folder.
      `export default { dialect: "sqlite", schema: ${JSON.stringify(relative(folder, join(ROOT, "src/db/schema.ts")))}, out: "./drizzle" };\n`,
    );

    const child = Bun.spawn([join(ROOT, "node_modules/.bin/drizzle-kit"), "generate", "--config", join(folder, "drizzle.config.ts")], {
      cwd: folder,
      stdout: "pipe",
      stderr: "pipe",
    });
    const output = (await new Response(child.stdout).text()) + (await new Response(child.stderr).text());
    await child.exited;

    rmSync(folder, { recursive: true, force: true });
    expect(output).toContain("No schema changes");
  }, 60_000);
});
