/**
 * A one-line progress display on stderr for long `check` runs: only on a terminal, only once the
 * run has taken PROGRESS_DELAY_MS, redrawn at most every REDRAW_MS, and cleared before any other
 * line is printed (and at the end), so it never mixes with the report.
 */
import { visible } from "./sanitize";

const PROGRESS_DELAY_MS = 2000;
const REDRAW_MS = 100;

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(s: string): unknown;
}

/** Cuts a line to a terminal width, counting wide (CJK) characters as two cells, so it never wraps. */
function fit(line: string, width: number): string {
  let cells = 0;
  let out = "";
  for (const ch of line) {
    const w = (ch.codePointAt(0) ?? 0) >= 0x1100 ? 2 : 1;
    if (cells + w > width - 1) return `${out}…`;
    cells += w;
    out += ch;
  }
  return out;
}

export class Progress {
  private readonly start = Date.now();
  private lastDraw = 0;
  private shown = false;

  constructor(
    private readonly stream: ProgressStream | null,
    private readonly label: (done: number, total: number) => string
  ) {}

  static forStderr(label: (done: number, total: number) => string): Progress {
    return new Progress(process.stderr.isTTY ? process.stderr : null, label);
  }

  /** Called before each file: draws "checking 12/200 name" when the run is long enough. */
  update(done: number, total: number, file: string): void {
    if (!this.stream) return;
    const now = Date.now();
    if (now - this.start < PROGRESS_DELAY_MS || now - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = now;
    const width = Math.max(20, (this.stream.columns ?? 80) - 1);
    const line = fit(`${this.label(done, total)} ${visible(file)}`, width);
    this.stream.write(`\r\u001b[2K${line}`);
    this.shown = true;
  }

  /** Removes the line (before printing anything else, and at the end). */
  clear(): void {
    if (!this.stream || !this.shown) return;
    this.stream.write("\r\u001b[2K");
    this.shown = false;
  }
}
