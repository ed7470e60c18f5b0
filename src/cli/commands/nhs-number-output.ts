import { once } from 'node:events';
import type { Writable } from 'node:stream';

/** Lines are gathered into chunks of about this many characters before each write. */
const CHUNK_CHARS = 64 * 1024;

/**
 * The output stream failed or was closed by its reader (for example `| head` exiting: EPIPE).
 * Not a problem with the input, so the command stops quietly.
 */
export class OutputClosedError extends Error {
  override name = 'OutputClosedError' as const;
}

/**
 * Writes lines to a stream in large chunks and waits for `drain` when the stream is full, so a
 * fast producer never buffers more than one chunk beyond the stream's own high-water mark.
 * It never ends the stream (it may be `process.stdout`); call {@link LineWriter.close} when done.
 */
export class LineWriter {
  readonly #out: Writable;
  #pending = '';
  #failure: Error | undefined;
  readonly #onError = (error: Error): void => {
    this.#failure ??= error;
  };

  /** @param out - where the lines go, for example `process.stdout` */
  constructor(out: Writable) {
    this.#out = out;
    out.on('error', this.#onError);
  }

  /**
   * Adds one line (a newline is appended). Returns a promise only when a chunk was written: the
   * caller then waits for it (`await` works either way) before adding more.
   * @param line - the text of the line, without a newline
   */
  line(line: string): Promise<void> | undefined {
    this.#pending += `${line}\n`;
    return this.#pending.length >= CHUNK_CHARS ? this.flush() : undefined;
  }

  /**
   * Writes whatever is gathered, waiting for `drain` if the stream is full.
   * @throws OutputClosedError when the stream has failed
   */
  async flush(): Promise<void> {
    if (this.#failure !== undefined) {
      throw new OutputClosedError('the output was closed', { cause: this.#failure });
    }
    if (this.#pending === '') {
      return;
    }
    const chunk = this.#pending;
    this.#pending = '';
    try {
      if (!this.#out.write(chunk)) {
        await once(this.#out, 'drain');
      }
    } catch (error) {
      throw new OutputClosedError('the output was closed', { cause: error });
    }
  }

  /** Writes what is left and stops listening to the stream. */
  async close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      this.release();
    }
  }

  /** Stops listening to the stream without writing what is left (after a failure). */
  release(): void {
    this.#out.off('error', this.#onError);
  }
}
