import { sql } from "drizzle-orm";
import type { Database } from "../db/client";

export interface HealthReport {
  status: "ok" | "unhealthy";
  version: string;
  database: { reachable: boolean; error?: string };
}

/** Checks that the database answers a query. The error text is for operators and never includes settings. */
export async function checkHealth(db: Database, version: string): Promise<HealthReport> {
  try {
    await db.run(sql`SELECT 1`);
    return { status: "ok", version, database: { reachable: true } };
  } catch (error) {
    return { status: "unhealthy", version, database: { reachable: false, error: error instanceof Error ? error.message : String(error) } };
  }
}
