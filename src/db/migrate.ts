import { sql } from "drizzle-orm";
import type { MigrationMeta } from "drizzle-orm/migrator";
import { readEmbeddedMigrations } from "./migration-files" with { type: "macro" };
import type { Database } from "./client";

export const MIGRATIONS_TABLE = "__drizzle_migrations";

/** The migrations bundled at build time, oldest first. */
export const embeddedMigrations: MigrationMeta[] = readEmbeddedMigrations() as MigrationMeta[];

/**
 * Applies every embedded migration newer than the last one recorded, in one
 * batch, using the same bookkeeping table as drizzle-kit. Throws when the build
 * carries no migrations, because an empty schema would fail on the first request.
 */
export async function applyMigrations(db: Database, migrations: MigrationMeta[] = embeddedMigrations): Promise<number> {
  if (migrations.length === 0) {
    throw new Error("no database migrations are embedded in this build; run `npm run db:generate` and rebuild");
  }

  await db.run(
    sql`CREATE TABLE IF NOT EXISTS ${sql.identifier(MIGRATIONS_TABLE)} (id INTEGER PRIMARY KEY, hash text NOT NULL, created_at numeric)`,
  );
  const lastApplied = await db.values<[number]>(
    sql`SELECT created_at FROM ${sql.identifier(MIGRATIONS_TABLE)} ORDER BY created_at DESC LIMIT 1`,
  );
  const lastMillis = lastApplied[0] ? Number(lastApplied[0][0]) : -1;

  const pending = migrations.filter((migration) => migration.folderMillis > lastMillis);
  if (pending.length === 0) return 0;

  const statements = pending.flatMap((migration) => [
    ...migration.sql.filter((statement) => statement.trim() !== "").map((statement) => db.run(sql.raw(statement))),
    db.run(
      sql`INSERT INTO ${sql.identifier(MIGRATIONS_TABLE)} ("hash", "created_at") VALUES (${migration.hash}, ${migration.folderMillis})`,
    ),
  ]);
  await db.batch(statements as [(typeof statements)[number], ...(typeof statements)[number][]]);
  return pending.length;
}
