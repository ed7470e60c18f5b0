/**
 * True for DuckDB's out-of-memory error, known by its message (the node API gives no class for
 * it). Its text advises `SET memory_limit`, which means nothing to a command-line user, so the
 * commands say which option to raise instead.
 * @param error - anything thrown
 */
export function isDuckDbOutOfMemory(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('Out of Memory Error');
}
