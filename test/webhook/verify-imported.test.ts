import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { STUDENT_MESSAGES } from "../../src/i18n/student-messages";
import { delimited, runMlango, utf8, writeFixture } from "../support/roster-files";
import { postWebhook, startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  const folder = server.database.folder;
  const roster = [
    ["Admission No", "Surname", "Other Names", "Date of Birth", "Form", "Stream", "Parent Phone"],
    ["0042", "Mwangi", "Asha Neema", "12/03/2008", "4", "B", "+255700000001"],
    ["0043", "Otieno", "Baraka", "2008-07-01", "4", "C", "+255700000002"],
  ];
  writeFixture(folder, "roster.csv", utf8(delimited(roster, ";"), true));
  expect((await runMlango(folder, ["import", "roster.csv", "--data", "form,stream"])).code).toBe(0);
  writeFixture(folder, "leavers.csv", utf8(delimited(roster.slice(0, 2), ";"), true));
  expect((await runMlango(folder, ["import", "leavers.csv", "--mode", "sync", "--data", "form,stream"])).code).toBe(0);
});

afterAll(async () => {
  await server.stop();
});

function verifyBody(identifier: string, secret: string, choosenLang = "en") {
  return { event: "verify_respondent", fields: [{ position: 0, value: identifier }, { position: 1, value: secret }], exam_id: "exam-1", choosenLang };
}

describe("verify imported roster", () => {
  test("date of birth typed another way", async () => {
    const reply = await postWebhook(server.webhookUrl, verifyBody("0042", "12 March 2008"));

    expect(reply.json).toEqual({ metadata: { name: "Asha Neema Mwangi", data: { form: "4", stream: "B" } } });
  });

  test("only chosen data columns are sent", async () => {
    const reply = await postWebhook(server.webhookUrl, verifyBody("0042", "2008-03-12"));

    expect(reply.text).not.toContain("+255");
  });

  test("student disabled by sync is refused", async () => {
    const reply = await postWebhook(server.webhookUrl, verifyBody("0043", "01/07/2008", "sw"));

    expect(reply.json).toEqual({ errorMessage: STUDENT_MESSAGES.sw!.account_disabled });
  });
});
