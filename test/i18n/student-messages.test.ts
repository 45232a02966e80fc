import { describe, expect, test } from "bun:test";
import { resolveStudentLanguage, STUDENT_MESSAGES, STUDENT_REASONS } from "../../src/i18n/student-messages";

describe("student messages", () => {
  test.each(Object.keys(STUDENT_MESSAGES))("%s has every reason", (lang) => {
    for (const reason of STUDENT_REASONS) {
      expect(STUDENT_MESSAGES[lang]![reason]?.trim().length ?? 0).toBeGreaterThan(10);
    }
  });

  test.each([
    ["sw", "sw"],
    ["SW", "sw"],
    ["fr_FR", "fr"],
    ["ru-RU", "ru"],
    ["xx-YY", "en"],
    ["", "en"],
    [42, "en"],
    [null, "en"],
  ])("language %p resolves to %p", (requested, expected) => {
    expect(resolveStudentLanguage(requested)).toBe(expected);
  });
});
