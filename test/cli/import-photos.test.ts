import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { createPhotoLinks } from "../../src/roster/photo-links";
import { delimited, runMlango, storedStudents, utf8, writeFixture } from "../support/roster-files";
import { postWebhook, startTestServer, TEST_CREDENTIALS, type TestServer } from "../support/test-server";

const PUBLIC_URL = "https://mlango.example.ac.tz";

/** Builds a minimal JPEG (SOI, an APP0 segment, SOF0 with the size, EOI), enough for the size check and for serving. */
function jpegBytes(width: number, height: number): Uint8Array {
  const app0 = [0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00];
  const sof0 = [0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  return Uint8Array.from([0xff, 0xd8, ...app0, ...sof0, 0xff, 0xd9]);
}

function pngBytes(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(33);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  return bytes;
}

let server: TestServer;
let photos: string;
let run: Awaited<ReturnType<typeof runMlango>>;

beforeAll(async () => {
  server = await startTestServer({ MLANGO_PUBLIC_URL: PUBLIC_URL });
  const folder = server.database.folder;
  writeFixture(folder, "roster.csv", utf8(delimited([["identifier", "name"], ["000123", "Asha"], ["CS/2024/0045", "Baraka"], ["A3", "Chausiku"]])));
  expect((await runMlango(folder, ["import", "roster.csv"])).code).toBe(0);

  photos = join(folder, "photos");
  mkdirSync(photos);
  writeFixture(photos, "000123.jpg", jpegBytes(1600, 2000));
  writeFixture(photos, "CS_2024_0045.png", pngBytes(640, 480));
  writeFixture(photos, "A3.jpg", utf8("GIF89a not really a jpeg"));
  writeFixture(photos, "999999.jpg", jpegBytes(1600, 1600));
  writeFixture(photos, "Thumbs.db", utf8("windows thumbnail cache"));
  run = await runMlango(folder, ["import-photos", "photos"], { MLANGO_PUBLIC_URL: PUBLIC_URL });
});

afterAll(async () => {
  await server.stop();
});

function verifyBody(identifier: string) {
  return { event: "verify_respondent", fields: [{ position: 0, value: identifier }], exam_id: "exam-1", choosenLang: "en" };
}

/** Swaps the public origin of a photo link for the test server's loopback address. */
function localUrl(link: string): string {
  return server.url + link.slice(PUBLIC_URL.length);
}

describe("import-photos", () => {
  test("report counts each outcome", () => {
    expect(run.out).toContain("Photos: 2 stored, 1 without a student, 1 rejected, 1 small.");
    expect(run.code).toBe(1);
  });

  test("small photo is listed with its size", () => {
    expect(run.out).toContain("CS_2024_0045.png: 640×480 px, under the 1500×1500");
  });

  test("unmatched and non-image files are named", () => {
    expect(run.err).toContain("999999.jpg: no student has the identifier 999999");
    expect(run.err).toContain("A3.jpg: not a JPEG or PNG image");
    expect(run.err).not.toContain("Thumbs.db");
  });

  test("rejected photo leaves the student unchanged", async () => {
    const stored = await storedStudents(server.database.db);
    expect(stored.find((row) => row.identifier === "A3")!.photo).toBeNull();
  });

  test("verification returns a signed photo link", async () => {
    const reply = await postWebhook(server.webhookUrl, verifyBody("000123"));

    expect(reply.json.metadata.photo).toMatch(/^https:\/\/mlango\.example\.ac\.tz\/photos\/\d+\.\d+\.[A-Za-z0-9_-]{43}$/);
  });

  test("photo link serves the image", async () => {
    const reply = await postWebhook(server.webhookUrl, verifyBody("cs/2024/0045"));

    const response = await fetch(localUrl(reply.json.metadata.photo));

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect([...new Uint8Array(await response.arrayBuffer())]).toEqual([...pngBytes(640, 480)]);
  });

  test.each([
    ["altered signature", (link: string) => link.slice(0, -1) + (link.endsWith("A") ? "B" : "A")],
    ["other student id", (link: string) => link.replace(/\/photos\/(\d+)\./, (_whole, id) => `/photos/${Number(id) + 1}.`)],
    ["longer expiry", (link: string) => link.replace(/\.(\d+)\./, (_whole, expires) => `.${Number(expires) + 3600}.`)],
    ["garbage token", () => `${PUBLIC_URL}/photos/..%2f..%2fetc`],
  ])("photo link rejected: %s", async (_name, alter) => {
    const reply = await postWebhook(server.webhookUrl, verifyBody("000123"));

    const response = await fetch(localUrl(alter(reply.json.metadata.photo)));

    expect(response.status).toBe(404);
    const body = (await response.json()) as { error: { code: string } };
    expect(body.error.code).toBe("photo_not_found");
  });

  test("expired photo link is rejected", async () => {
    const [student] = await storedStudents(server.database.db);
    const links = createPhotoLinks({ clientSecret: TEST_CREDENTIALS.clientSecret, publicUrl: PUBLIC_URL, lifetimeHours: 1, now: () => Date.now() - 2 * 3600_000 });

    const response = await fetch(localUrl(links.linkFor(student!.id)));

    expect(response.status).toBe(404);
  });

  test("missing folder is an error", async () => {
    const missing = await runMlango(server.database.folder, ["import-photos", "no-such-folder"]);

    expect(missing.code).toBe(1);
    expect(missing.err).toContain("File not found: no-such-folder");
  });
});
