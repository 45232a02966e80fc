import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The platform's documented request bodies, copied unchanged into test/fixtures/contract. */
export const CONTRACT_FOLDER = join(import.meta.dir, "../fixtures/contract");

export function contractBody(name: "verify-valid" | "verify-invalid" | "admitted-respondent" | "result-ready" | "investigation-complete") {
  return JSON.parse(readFileSync(join(CONTRACT_FOLDER, `${name}.json`), "utf8")) as Record<string, any>;
}
