/** What a CLI invocation may touch; tests pass their own streams and environment. */
export interface CliIo {
  /** The result: text, or one JSON envelope with `--json`. */
  stdout: NodeJS.WritableStream;
  /** Progress and errors. */
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
  signal?: AbortSignal;
  /** Colors and live progress only on a terminal. */
  isTerminal: boolean;
}
