/**
 * Console output of one execution, truncated like the original: every line counts towards a
 * running total, and a line is kept only while that total stays within the limit, so once the
 * limit is passed every later line is dropped too.
 */
export class CapturedOutput {
  readonly #lines: string[] = [];
  readonly #limit: number;
  #total = 0;
  #written = 0;

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** Whether any line was written, kept or not. */
  get written(): boolean {
    return this.#written > 0;
  }

  /** True once nothing more can be kept, so callers may skip producing lines at all. */
  get full(): boolean {
    return this.#total > this.#limit;
  }

  /** Counts a line whose text was not even read because the output is full. */
  skip(): void {
    this.#written++;
  }

  write(line: string): void {
    this.#written++;
    this.#total += line.length;
    if (this.#total <= this.#limit) this.#lines.push(line);
  }

  text(): string {
    return this.#lines.join("\n");
  }
}
