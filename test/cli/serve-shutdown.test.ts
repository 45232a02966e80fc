import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { CLI_ENTRY, runCli } from "../support/run-cli";
import { FAST_ARGON2_ENV, TEST_ADMIN_PASSWORD, TEST_CREDENTIALS } from "../support/test-server";
import { waitForLine } from "../support/wait-for-line";

const BURST = 400;

let folder: string;
let env: Record<string, string>;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), "mlango-shutdown-"));
  env = {
    MLANGO_CLIENT_ID: TEST_CREDENTIALS.clientId,
    MLANGO_CLIENT_SECRET: TEST_CREDENTIALS.clientSecret,
    MLANGO_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    MLANGO_HOST: "127.0.0.1",
    MLANGO_PORT: "0",
    MLANGO_DATABASE_URL: `file:${join(folder, "mlango.db")}`,
    MLANGO_LOG_FORMAT: "json",
    MLANGO_LANG: "en",
    ...FAST_ARGON2_ENV,
  };
  await Bun.write(join(folder, "roster.csv"), "identifier,secret,name\nS-1,pin-1,Amina Juma\n");
  const imported = await runCli(["import", "roster.csv"], { cwd: folder, env });
  if (imported.exitCode !== 0) throw new Error(imported.stderr);
});

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

/** Reads what is left of a stream that `waitForLine` has already read from. */
async function readRest(stream: ReadableStream<Uint8Array>): Promise<string> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += decoder.decode(chunk.value, { stream: true });
  return text;
}

describe("mlango serve", () => {
  test("SIGTERM during a burst loses nothing acknowledged", async () => {
    const child = Bun.spawn([process.execPath, CLI_ENTRY, "serve"], { cwd: folder, env: { PATH: process.env.PATH ?? "", HOME: folder, ...env }, stdout: "pipe", stderr: "pipe" });
    const listening = await waitForLine(child.stdout, /listening on (http:\/\/[\d.:]+)/i);
    const url = listening[1]!;
    const headers = { "content-type": "application/json", "x-client-id": TEST_CREDENTIALS.clientId, "x-client-secret": TEST_CREDENTIALS.clientSecret };

    let answered = 0;
    let signalled: Promise<void> | undefined;
    const send = async (index: number) => {
      const body =
        index % 2 === 0
          ? { event: "admitted_respondent", respondent_id: `burst-${index}`, exam_id: "e-burst", admittedOn: 1_700_000_000_000 + index }
          : { event: "verify_respondent", fields: [{ position: 0, value: "S-1" }, { position: 1, value: "pin-1" }], exam_id: `e-verify-${index}`, choosenLang: "en" };
      try {
        const response = await fetch(`${url}/webhook`, { method: "POST", headers, body: JSON.stringify(body) });
        await response.text();
        answered++;
        if (answered === 40) signalled = Promise.resolve().then(() => void child.kill("SIGTERM"));
        return { index, status: response.status };
      } catch {
        return { index, status: 0 };
      }
    };
    const results = await Promise.all(Array.from({ length: BURST }, (_, index) => send(index)));
    await signalled;
    const exitCode = await child.exited;
    const stderr = await new Response(child.stderr).text();
    const output = [listening.input ?? "", await readRest(child.stdout)];

    const client = createClient({ url: env.MLANGO_DATABASE_URL! });
    const storedRespondents = new Set((await client.execute("SELECT respondent_id FROM events")).rows.map((row) => String(row[0])));
    const storedExams = new Set((await client.execute("SELECT exam_id FROM verifications")).rows.map((row) => String(row[0])));
    const integrity = String((await client.execute("PRAGMA integrity_check")).rows[0]![0]);
    client.close();

    const acknowledged = results.filter((result) => result.status === 200);
    const lost = acknowledged.filter((result) =>
      result.index % 2 === 0 ? !storedRespondents.has(`burst-${result.index}`) : !storedExams.has(`e-verify-${result.index}`),
    );
    const logLines = output.join("").split("\n").filter((line) => line.startsWith("{"));

    expect(exitCode).toBe(0);
    expect(stderr).toBe("");
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);
    expect(results.filter((result) => result.status >= 500)).toEqual([]);
    expect(lost).toEqual([]);
    expect(integrity).toBe("ok");
    expect(logLines.some((line) => JSON.parse(line).msg === "server stopping")).toBe(true);
    // NOTE: "server stopped" is not checked: under Bun 1.4.5 the last lines of a busy child's piped stdout
    // are sometimes missing when read after it exits, although the exit status shows the stop completed.
    expect(output.join("")).not.toContain(TEST_CREDENTIALS.clientSecret);
    expect(output.join("")).not.toContain("pin-1");
  }, 30_000);
});
