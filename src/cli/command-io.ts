import type { OperatorLanguage } from "../i18n/operator-language";

/** Where a command writes, and in which language; passed in so tests can capture output. */
export interface CommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Language for messages before settings are read; settings may change it. */
  lang: OperatorLanguage;
  /** Reads one line of input after printing `question`; resolves to "" at the end of input. */
  prompt?: (question: string) => Promise<string>;
}

/** Exit statuses: 0 success, 1 the work failed, 2 invalid usage or settings. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export function processIo(): CommandIo {
  const lang = (process.env.MLANGO_LANG ?? "").trim().toLowerCase() === "en" ? "en" : "sw";
  return {
    out: (line) => process.stdout.write(line + "\n"),
    err: (line) => process.stderr.write(line + "\n"),
    env: process.env,
    cwd: process.cwd(),
    lang,
    prompt: readLineFromStdin,
  };
}

async function readLineFromStdin(question: string): Promise<string> {
  const { createInterface } = await import("node:readline/promises");
  const lines = createInterface({ input: process.stdin, output: process.stderr, terminal: process.stdin.isTTY === true });
  try {
    return await new Promise<string>((resolve) => {
      lines.once("close", () => resolve(""));
      lines.question(question + " ").then(resolve, () => resolve(""));
    });
  } finally {
    lines.close();
  }
}
