import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { createClient } from "@libsql/client";
import { isBusyError, retryingClient } from "../../src/db/busy-retry";
import { createTempDatabase } from "../support/test-server";

let database: Awaited<ReturnType<typeof createTempDatabase>>;

beforeEach(async () => {
  database = await createTempDatabase();
});

afterEach(() => {
  database.cleanup();
});

async function storedKeys(): Promise<string[]> {
  const result = await database.client.execute("SELECT key FROM app_state ORDER BY key");
  return result.rows.map((row) => String(row.key));
}

async function holdWriteLock() {
  const locker = createClient({ url: database.url });
  const lock = await locker.transaction("write");
  await lock.execute("INSERT INTO app_state (key, value) VALUES ('locker', 'held')");
  return {
    release: async () => {
      await lock.commit();
      locker.close();
    },
  };
}

describe("retryingClient", () => {
  test("writes after a busy error persist", async () => {
    // A zero deadline makes the first busy error reach the caller, as a long lock would.
    const client = retryingClient(() => createClient({ url: database.url, timeout: 0 }), 0);
    const lock = await holdWriteLock();

    const whileLocked = await client.execute("INSERT INTO app_state (key, value) VALUES ('during', 'x')").catch((error: unknown) => error);
    await lock.release();
    await client.execute("INSERT INTO app_state (key, value) VALUES ('autocommit', 'x')");
    await client.batch(["INSERT INTO app_state (key, value) VALUES ('batch', 'x')"], "write");
    const transaction = await client.transaction("write");
    await transaction.execute("INSERT INTO app_state (key, value) VALUES ('transaction', 'x')");
    await transaction.commit();
    client.close();

    expect(isBusyError(whileLocked)).toBe(true);
    expect(await storedKeys()).toEqual(["autocommit", "batch", "locker", "transaction"]);
  });

  test("waits out a lock and stores once", async () => {
    const client = retryingClient(() => createClient({ url: database.url, timeout: 0 }), 10_000);
    const lock = await holdWriteLock();

    const pending = client.execute("INSERT INTO app_state (key, value) VALUES ('waited', 'x')");
    await Bun.sleep(300);
    await lock.release();
    await pending;
    client.close();

    expect(await storedKeys()).toEqual(["locker", "waited"]);
  });

  test("open transaction survives a swap", async () => {
    const client = retryingClient(() => createClient({ url: database.url, timeout: 0 }), 0);
    const lock = await holdWriteLock();
    const reader = await client.transaction("read");
    await client.execute("INSERT INTO app_state (key, value) VALUES ('during', 'x')").catch(() => undefined);

    const seen = await reader.execute("SELECT count(*) AS total FROM app_state");
    await reader.commit();
    await lock.release();
    await client.execute("INSERT INTO app_state (key, value) VALUES ('after', 'x')");
    client.close();

    expect(Number(seen.rows[0]!.total)).toBe(0);
    expect(await storedKeys()).toEqual(["after", "locker"]);
  });
});
