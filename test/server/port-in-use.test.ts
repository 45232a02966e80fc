import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { runCli } from "../support/run-cli";
import { FAST_ARGON2_ENV, startTestServer, TEST_ADMIN_PASSWORD, TEST_CREDENTIALS, type TestServer } from "../support/test-server";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.stop();
});

describe("port already in use", () => {
  test("second serve refuses to start", async () => {
    const run = await runCli(["serve"], {
      cwd: server.database.folder,
      env: {
        MLANGO_CLIENT_ID: TEST_CREDENTIALS.clientId,
        MLANGO_CLIENT_SECRET: TEST_CREDENTIALS.clientSecret,
        MLANGO_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
        MLANGO_HOST: "127.0.0.1",
        MLANGO_PORT: String(server.server.port),
        MLANGO_DATABASE_URL: `file:${server.database.folder}/second.db`,
        MLANGO_LANG: "sw",
        ...FAST_ARGON2_ENV,
      },
    });

    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain(`Imeshindwa kusikiliza kwenye 127.0.0.1:${server.server.port} (EADDRINUSE)`);
  });
});
