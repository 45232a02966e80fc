import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readStudentMessageOverrides } from "../../src/i18n/message-overrides";
import { createStudentMessages, STUDENT_MESSAGES, STUDENT_REASONS } from "../../src/i18n/student-messages";

/** The languages the platform offers its users. */
const PLATFORM_LANGUAGES = "sw en fr pt ar ru es ha yo ig am so rw zh hi pl ja ko th fa sr fi bn".split(" ");

const folder = mkdtempSync(join(tmpdir(), "mlango-messages-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function writeOverrides(name: string, content: string): string {
  const path = join(folder, name);
  writeFileSync(path, content);
  return path;
}

describe("student messages", () => {
  test.each(PLATFORM_LANGUAGES)("language %s has every reason", (code) => {
    const texts = STUDENT_MESSAGES[code];
    expect(texts).toBeDefined();
    for (const reason of STUDENT_REASONS) {
      expect(texts![reason]?.trim().length ?? 0).toBeGreaterThan(10);
    }
    expect(texts!.locked).toContain("{wait}");
  });

  test("only English texts are English", () => {
    for (const code of PLATFORM_LANGUAGES.filter((code) => code !== "en")) {
      for (const reason of STUDENT_REASONS) expect(STUDENT_MESSAGES[code]![reason]).not.toBe(STUDENT_MESSAGES.en![reason]);
    }
  });

  test.each([
    ["sw", "sw"],
    ["SW", "sw"],
    ["fr_FR", "fr"],
    ["ru-RU", "ru"],
    ["pt-BR", "pt"],
    ["PT_br", "pt"],
    ["zh-Hans-CN", "zh"],
    ["SR-latn", "sr"],
    ["xx", "en"],
    ["xx-YY", "en"],
    ["", "en"],
    [undefined, "en"],
    [null, "en"],
    [42, "en"],
  ])("language for %p is %p", (requested, expected) => {
    expect(createStudentMessages().language(requested)).toBe(expected);
  });

  test.each([
    ["en", 5 * 60_000, "Too many failed attempts. Try again in 5 minutes."],
    ["en", 30_000, "Too many failed attempts. Try again in 1 minute."],
    ["sw", 14 * 60_000 + 1, "Umejaribu mara nyingi bila mafanikio. Jaribu tena baada ya dakika 15."],
    ["ru", 60_000, "Слишком много неудачных попыток. До следующей попытки: 1 минута."],
    ["rw", 60_000, "Wagerageje inshuro nyinshi bikanga. Ongera ugerageze nyuma y'umunota 1."],
    ["yo", 120_000, "O ti gbìyànjú ní ọ̀pọ̀ ìgbà láìṣe àṣeyọrí. Tún gbìyànjú lẹ́yìn ìṣẹ́jú 2."],
  ])("locked text in %s fills the wait", (lang, waitMs, expected) => {
    expect(createStudentMessages().message("locked", lang, waitMs)).toBe(expected);
  });

  test("overrides replace and add texts", () => {
    const messages = createStudentMessages({ sw: { busy: "Subiri kidogo." }, "pt-br": { locked: "Aguarde {wait}." }, lg: { busy: "Linda katono." } });

    expect(messages.message("busy", "sw")).toBe("Subiri kidogo.");
    expect(messages.message("wrong_credentials", "sw")).toBe(STUDENT_MESSAGES.sw!.wrong_credentials);
    expect(messages.message("locked", "pt-BR", 120_000)).toBe("Aguarde 2 minutos.");
    expect(messages.message("locked", "pt", 120_000)).toBe(STUDENT_MESSAGES.pt!.locked.replace("{wait}", "2 minutos"));
    expect(messages.message("busy", "LG")).toBe("Linda katono.");
    expect(messages.message("not_enrolled", "lg")).toBe(STUDENT_MESSAGES.en!.not_enrolled);
  });
});

describe("readStudentMessageOverrides", () => {
  test("valid file read", () => {
    const path = writeOverrides("valid.json", JSON.stringify({ sw: { busy: "Subiri." }, "PT-BR": { locked: "Aguarde {wait}." } }));

    const result = readStudentMessageOverrides(path);

    expect(result).toEqual({ ok: true, catalog: { sw: { busy: "Subiri." }, "pt-br": { locked: "Aguarde {wait}." } } });
  });

  test.each([
    ["not JSON", "{ sw: ", "is not valid JSON"],
    ["array", "[]", "must be a JSON object keyed by language code"],
    ["bad language code", JSON.stringify({ "Kiswahili!": { busy: "x" } }), '"Kiswahili!" is not a language code'],
    ["texts not object", JSON.stringify({ sw: "Subiri" }), '"sw" must be a JSON object'],
    ["unknown reason", JSON.stringify({ sw: { bussy: "x" } }), '"sw"."bussy": unknown reason'],
    ["empty text", JSON.stringify({ sw: { busy: "  " } }), '"sw"."busy": must be a non-empty text'],
    ["number text", JSON.stringify({ sw: { busy: 5 } }), '"sw"."busy": must be a non-empty text'],
    ["unknown placeholder", JSON.stringify({ en: { locked: "Wait {minutes}." } }), "unknown placeholder {minutes}"],
    ["too long", JSON.stringify({ en: { busy: "x".repeat(501) } }), "longer than 500 characters"],
  ])("problem: %s", (_name, content, expected) => {
    const result = readStudentMessageOverrides(writeOverrides(`${_name}.json`, content));

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]!.en).toContain(expected);
    expect(result.problems[0]!.sw.length).toBeGreaterThan(0);
  });

  test("missing file named", () => {
    const result = readStudentMessageOverrides(join(folder, "absent.json"));

    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]!.en).toContain("absent.json cannot be read (not found)");
  });

  test("every problem reported at once", () => {
    const path = writeOverrides("many.json", JSON.stringify({ sw: { bussy: "x", busy: "" }, en: { locked: "{when}" } }));

    const result = readStudentMessageOverrides(path);

    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toHaveLength(3);
  });
});
