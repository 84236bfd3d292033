/** The process a command runs in: its folder, environment and standard streams (tests pass their own). */
export interface ProcessIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadableStream;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
}

export const ExitCode = { Ok: 0, Problems: 1, Failure: 2 } as const;
