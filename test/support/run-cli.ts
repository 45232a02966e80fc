import { tmpdir } from "node:os";
import { join } from "node:path";

export const CLI_ENTRY = join(import.meta.dir, "../../src/cli/main.ts");

export interface CliRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `mlango` (the source entry under Bun, or `command` such as the built
 * binary) in `cwd` with only PATH, HOME and the given variables set, and
 * `stdin` as its input when given.
 */
export async function runCli(args: string[], options: { cwd: string; env?: Record<string, string>; command?: string[]; stdin?: string }): Promise<CliRun> {
  const command = options.command ?? [process.execPath, CLI_ENTRY];
  const child = Bun.spawn([...command, ...args], {
    cwd: options.cwd,
    // HOME points at a scratch folder so Bun's transpiler cache never lands in the working folder.
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: tmpdir(), ...options.env },
    stdout: "pipe",
    stderr: "pipe",
    stdin: options.stdin === undefined ? "ignore" : new TextEncoder().encode(options.stdin),
  });
  const [stdout, stderr, exitCode] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  return { exitCode, stdout, stderr };
}
