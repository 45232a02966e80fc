/**
 * The `errorMessage` texts a student reads on the exam's welcome page, in the
 * student's `choosenLang`. Every language carries every reason; a test checks it.
 */
export const STUDENT_REASONS = ["wrong_credentials", "missing_field", "not_enrolled", "account_disabled"] as const;
export type StudentReason = (typeof STUDENT_REASONS)[number];

export const STUDENT_MESSAGES: Record<string, Record<StudentReason, string>> = {
  sw: {
    wrong_credentials: "Namba ya usajili au nenosiri si sahihi. Hakikisha umeandika kama ulivyopewa na shule, kisha ujaribu tena.",
    missing_field: "Tafadhali jaza sehemu zote zinazohitajika kabla ya kuanza mtihani.",
    not_enrolled: "Hujasajiliwa kwa mtihani huu. Wasiliana na shule yako ikiwa unaamini hili ni kosa.",
    account_disabled: "Akaunti yako imesimamishwa. Wasiliana na shule yako.",
  },
  en: {
    wrong_credentials: "The student number or password is incorrect. Check that you typed them as the school gave them, then try again.",
    missing_field: "Please fill in every required field before starting the exam.",
    not_enrolled: "You are not enrolled in this exam. Contact your school if you believe this is a mistake.",
    account_disabled: "Your account has been disabled. Please contact your school.",
  },
  fr: {
    wrong_credentials: "Le numéro d'étudiant ou le mot de passe est incorrect. Vérifiez-les tels que l'école vous les a donnés, puis réessayez.",
    missing_field: "Veuillez remplir tous les champs obligatoires avant de commencer l'examen.",
    not_enrolled: "Vous n'êtes pas inscrit à cet examen. Contactez votre école si vous pensez qu'il s'agit d'une erreur.",
    account_disabled: "Votre compte a été désactivé. Veuillez contacter votre école.",
  },
  ru: {
    wrong_credentials: "Неверный номер студента или пароль. Проверьте, что вы ввели их так, как их выдала школа, и попробуйте снова.",
    missing_field: "Пожалуйста, заполните все обязательные поля перед началом экзамена.",
    not_enrolled: "Вы не записаны на этот экзамен. Если вы считаете это ошибкой, обратитесь в свою школу.",
    account_disabled: "Ваша учётная запись отключена. Обратитесь в свою школу.",
  },
};

const FALLBACK_LANGUAGE = "en";

/**
 * Picks the message language for a `choosenLang` value: the exact code, then its
 * primary language (`pt-BR` → `pt`), then English. Codes match without regard
 * to case or to `_` versus `-`.
 */
export function resolveStudentLanguage(requested: unknown): string {
  if (typeof requested !== "string") return FALLBACK_LANGUAGE;
  const code = requested.trim().toLowerCase().replaceAll("_", "-");
  if (code in STUDENT_MESSAGES) return code;
  const primary = code.split("-")[0] ?? "";
  if (primary in STUDENT_MESSAGES) return primary;
  return FALLBACK_LANGUAGE;
}

/** The message for `reason` in the language chosen for `requested`. */
export function studentMessage(reason: StudentReason, requested: unknown): string {
  return STUDENT_MESSAGES[resolveStudentLanguage(requested)]![reason];
}
