import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "node:util";

/**
 * Returns the process environment merged over the `.env` file in `folder`, if
 * there is one. Variables set in the environment win over the file, so an
 * operator can override one value for a single run.
 */
export function readEnvironment(folder: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): Record<string, string | undefined> {
  const dotEnvPath = join(folder, ".env");
  const fromFile = existsSync(dotEnvPath) ? parseEnv(readFileSync(dotEnvPath, "utf8")) : {};
  return { ...fromFile, ...env };
}
