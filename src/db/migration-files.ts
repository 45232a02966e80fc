import { join } from "node:path";
import { readMigrationFiles, type MigrationMeta } from "drizzle-orm/migrator";

/**
 * Reads the generated migrations in `drizzle/`. Imported as a Bun macro, so it
 * runs when the code is bundled and the SQL ends up inside the compiled binary;
 * the binary never looks for a `drizzle/` folder at run time.
 */
export function readEmbeddedMigrations(): MigrationMeta[] {
  return readMigrationFiles({ migrationsFolder: join(import.meta.dir, "../../drizzle") });
}
