import type { Database } from "../../src/db/client";
import { importRoster } from "../../src/roster/import-roster";
import { parseRosterCsv } from "../../src/roster/roster-rows";

/** Imports CSV text into `db` with fast hash settings, failing the test if the text has problems. */
export async function seedRoster(db: Database, csv: string) {
  const parsed = parseRosterCsv(csv);
  if (!parsed.ok) throw new Error(`seed CSV has problems: ${JSON.stringify(parsed.problems)}`);
  const report = await importRoster(
    db,
    parsed.rows.map((row) => ({ kind: "row" as const, row })),
    { mode: "update", dryRun: false, identifierCaseSensitive: false, argon2: { memoryCost: 1024, timeCost: 1 }, present: parsed.present, now: Date.now },
  );
  if (report.problemCount > 0) throw new Error(`seed CSV was rejected: ${JSON.stringify(report.problems)}`);
  return report;
}
