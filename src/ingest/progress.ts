import { SingleBar } from 'cli-progress';

/** Jobs shorter than this print only their summary; longer ones show progress from here on. */
const QUIET_MS = 2000;

/**
 * Progress of a long command-line job in rows and rows per second, on stderr so stdout keeps
 * just the summary: a line redrawn in place on a terminal, a plain line every 10 s when stderr
 * is a file or a pipe (logs, CI, `docker compose run` without a TTY).
 */
export class Progress {
  private readonly started = Date.now();
  private bar: SingleBar | null = null;

  /** @param label what is counted, e.g. a file name */
  constructor(private label: string) {}

  /**
   * Shows the running total.
   * @param rows rows done so far
   * @param detail more to say after the rate, e.g. "3 rejected"
   */
  update(rows: number, detail = '', label = this.label): void {
    const elapsed = Date.now() - this.started;
    if (!this.bar && elapsed < QUIET_MS) {
      return;
    }
    const payload = {
      label,
      rate: Math.round(rows / Math.max(elapsed / 1000, 0.001)).toLocaleString('en-GB'),
      rows: rows.toLocaleString('en-GB'),
      detail: detail ? `, ${detail}` : '',
    };
    if (!this.bar) {
      this.bar = new SingleBar({
        format: '{label}: {rows} rows, {rate} rows/s{detail}',
        stream: process.stderr,
        noTTYOutput: true,
        notTTYSchedule: 10_000,
        hideCursor: true,
      });
      // The job's size is not known ahead (files are streamed), so the bar has no total.
      this.bar.start(0, 0, payload);
    }
    this.bar.update(rows, payload);
  }

  /** Leaves the last line as it is and moves on, before the summary is printed. */
  stop(): void {
    this.bar?.stop();
  }
}
