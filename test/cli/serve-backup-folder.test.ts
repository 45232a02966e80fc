import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../support/run-cli";
import { TEST_ADMIN_PASSWORD, TEST_CREDENTIALS } from "../support/test-server";

describe("serve backup folder", () => {
  let folder: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), "mlango-backup-folder-"));
  });

  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  test("unusable folder stops the start", async () => {
    const blocker = join(folder, "a-file");
    writeFileSync(blocker, "a file where the backup folder should be");

    const result = await runCli(["serve"], {
      cwd: folder,
      env: {
        MLANGO_CLIENT_ID: TEST_CREDENTIALS.clientId,
        MLANGO_CLIENT_SECRET: TEST_CREDENTIALS.clientSecret,
        MLANGO_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
        MLANGO_DATABASE_URL: "file::memory:",
        MLANGO_BACKUP_DIR: join(blocker, "backups"),
        MLANGO_PORT: "0",
        MLANGO_LANG: "sw",
      },
    });

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`MLANGO_BACKUP_DIR=${join(blocker, "backups")} haiwezi kutumika`);
    expect(result.stderr).toContain("ENOTDIR");
  });
});
