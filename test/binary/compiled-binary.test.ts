import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { STUDENT_MESSAGES } from "../../src/i18n/student-messages";
import { contractBody } from "../support/contract-bodies";
import { runCli } from "../support/run-cli";
import { postWebhook } from "../support/test-server";
import { waitForLine } from "../support/wait-for-line";

const BINARY = join(import.meta.dir, "../../dist/mlango");
const SETTINGS = {
  MLANGO_CLIENT_ID: "binary-client",
  MLANGO_CLIENT_SECRET: "binary-secret-0123",
  MLANGO_ADMIN_PASSWORD: "binary-admin-pass",
  MLANGO_HOST: "127.0.0.1",
  MLANGO_PORT: "0",
  MLANGO_LANG: "en",
};
const HEADERS = { "x-client-id": SETTINGS.MLANGO_CLIENT_ID, "x-client-secret": SETTINGS.MLANGO_CLIENT_SECRET };

let folder: string;
let server: ReturnType<typeof Bun.spawn> | undefined;
let baseUrl: string;

beforeAll(async () => {
  if (!existsSync(BINARY)) throw new Error(`${BINARY} is missing: run "npm run build" first (npm test does)`);

  // The binary alone in an empty folder: no node_modules, no drizzle/, no source.
  folder = mkdtempSync(join(tmpdir(), "mlango-binary-"));
  copyFileSync(BINARY, join(folder, "mlango"));
  Bun.spawnSync(["chmod", "+x", join(folder, "mlango")]);
  writeFileSync(
    join(folder, "students.csv"),
    "identifier,secret,name,email\r\nSome valid student id,Some valid student password,Amina Juma,amina@example.ac.tz\r\n",
  );
});

afterAll(async () => {
  server?.kill();
  await server?.exited;
  rmSync(folder, { recursive: true, force: true });
});

describe("compiled binary", () => {
  test("imports from an empty folder", async () => {
    const run = await runCli(["import", "students.csv"], { cwd: folder, env: SETTINGS, command: [join(folder, "mlango")] });

    // Notes go to stderr: the first import creates the database, and a short import only announces its merge.
    const notes = run.stderr.trim().split("\n");
    expect(notes[0]).toStartWith(`Created a new, empty database: ${join(folder, "data", "mlango.db")}`);
    expect(notes.slice(1)).toEqual(["Writing the roster to the database..."]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("1 added");
    expect(readdirSync(join(folder, "data"))).toContain("mlango.db");
  });

  test("serves verify and health", async () => {
    server = Bun.spawn([join(folder, "mlango"), "serve"], {
      cwd: folder,
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: folder, ...SETTINGS },
      stdout: "pipe",
      stderr: "pipe",
    });
    const match = await waitForLine(server.stdout as ReadableStream<Uint8Array>, /listening on (http:\/\/127\.0\.0\.1:\d+)/);
    baseUrl = match[1]!;

    const accepted = await postWebhook(`${baseUrl}/webhook`, contractBody("verify-valid"), HEADERS);
    const rejected = await postWebhook(`${baseUrl}/webhook`, contractBody("verify-invalid"), HEADERS);
    const unauthorized = await postWebhook(`${baseUrl}/webhook`, contractBody("verify-valid"), { ...HEADERS, "x-client-secret": "wrong" });
    const notification = await postWebhook(`${baseUrl}/webhook`, contractBody("admitted-respondent"), HEADERS);
    const health = await fetch(`${baseUrl}/health`);

    expect(accepted.json).toEqual({ metadata: { name: "Amina Juma", email: "amina@example.ac.tz" } });
    expect(rejected.json).toEqual({ errorMessage: STUDENT_MESSAGES.ru!.wrong_credentials });
    expect(unauthorized.status).toBe(401);
    expect(notification.status).toBe(200);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", checks: { database: { reachable: true, writable: true } } });
  }, 30_000);
});
