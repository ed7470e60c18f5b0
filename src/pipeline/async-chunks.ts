/**
 * Groups an async stream into arrays of at most `size` items, in order.
 * @param items - the stream
 * @param size - the largest chunk
 */
export async function* inChunks<T>(items: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let chunk: T[] = [];
  for await (const item of items) {
    chunk.push(item);
    if (chunk.length >= size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) {
    yield chunk;
  }
}

/**
 * Regroups batches into chunks of `size` items (the last may hold fewer), in order, after
 * leaving out the first `skip` items (those a resumed run has already done: reading them again,
 * rather than seeking, keeps line numbers and the reader's counts exactly as in one run).
 * @param batches - the stream, in batches of any size
 * @param size - the largest chunk
 * @param skip - items left out from the start; default 0
 */
export async function* rechunked<T>(
  batches: AsyncIterable<readonly T[]>,
  size: number,
  skip = 0,
): AsyncGenerator<T[]> {
  let chunk: T[] = [];
  let skipping = skip;
  for await (const batch of batches) {
    const from = Math.min(skipping, batch.length);
    skipping -= from;
    for (let i = from; i < batch.length; i += 1) {
      chunk.push(batch[i] as T);
      if (chunk.length >= size) {
        yield chunk;
        chunk = [];
      }
    }
  }
  if (chunk.length > 0) {
    yield chunk;
  }
}
