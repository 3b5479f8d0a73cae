/**
 * A command failure. `main` prints it on stderr and exits 1: as `[taskcast] <message>` by
 * default, as the bare message for client commands whose output format is fixed (`plain`),
 * or not at all when the command already said everything on stdout (`silent`).
 */
export type CliErrorStyle = "prefixed" | "plain" | "silent";

export class CliError extends Error {
  override readonly name = "CliError";
  readonly style: CliErrorStyle;

  constructor(message: string, style: CliErrorStyle = "prefixed") {
    super(message);
    this.style = style;
  }
}
