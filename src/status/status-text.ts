import type { OperatorLanguage } from "../i18n/operator-language";

/** The status page's own texts in Swahili and English; each section carries its own. */
export const STATUS_TEXT = {
  sw: {
    title: "Mlango — hali ya seva",
    signInPrompt: "Weka nenosiri la msimamizi ili kuona wanafunzi, majaribio ya kuingia na taarifa.",
    password: "Nenosiri la msimamizi",
    signIn: "Ingia",
    signOut: "Toka",
    wrongPassword: "Nenosiri si sahihi.",
    tooManyAttempts: "Majaribio mengi mno. Subiri dakika moja kisha ujaribu tena.",
    sectionFailed: "Sehemu hii haikuweza kusomwa sasa hivi; sababu iko kwenye kumbukumbu za seva.",
    refreshes: "Ukurasa huu unajisasisha kila sekunde {seconds}.",
    language: "Lugha",
  },
  en: {
    title: "Mlango — server status",
    signInPrompt: "Enter the admin password to see students, verification attempts and notifications.",
    password: "Admin password",
    signIn: "Sign in",
    signOut: "Sign out",
    wrongPassword: "The password is incorrect.",
    tooManyAttempts: "Too many attempts. Wait a minute, then try again.",
    sectionFailed: "This part could not be read just now; the cause is in the server log.",
    refreshes: "This page reloads itself every {seconds} seconds.",
    language: "Language",
  },
} satisfies Record<OperatorLanguage, Record<string, string>>;

export type StatusText = (typeof STATUS_TEXT)["en"];
