import { describe, expect, test } from "bun:test";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CONTRACT_FOLDER } from "../support/contract-bodies";

// The platform's documentation folder sits beside the repository in the team's workspace and in CI.
const PLATFORM_CONTRACT = join(import.meta.dir, "../../../shared/contract");

describe("contract fixtures", () => {
  test.skipIf(!existsSync(PLATFORM_CONTRACT))("match the platform's documented bodies", () => {
    const documented = readdirSync(PLATFORM_CONTRACT).filter((name) => name.endsWith(".json"));

    expect(readdirSync(CONTRACT_FOLDER).sort()).toEqual(documented.sort());
    for (const name of documented) {
      expect(JSON.parse(readFileSync(join(CONTRACT_FOLDER, name), "utf8"))).toEqual(JSON.parse(readFileSync(join(PLATFORM_CONTRACT, name), "utf8")));
    }
  });
});
