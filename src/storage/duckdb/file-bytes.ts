import { readSync, writeSync } from 'node:fs';

/**
 * Writes the first `length` bytes of `bytes` at the file's current position (a write may take
 * fewer bytes than asked; this writes until all are down).
 * @param fd - an open file
 * @param bytes - what to write
 * @param length - how many bytes of it
 */
export function writeAll(fd: number, bytes: Uint8Array, length: number): void {
  let done = 0;
  while (done < length) {
    done += writeSync(fd, bytes, done, length - done);
  }
}

/**
 * Reads `length` bytes at `position` into the start of `into` (a read may return fewer bytes
 * than asked; this reads until all are in).
 * @param fd - an open file
 * @param into - where the bytes go
 * @param length - how many bytes
 * @param position - where in the file
 * @returns false when the file ends first
 */
export function readExactly(
  fd: number,
  into: Uint8Array,
  length: number,
  position: number,
): boolean {
  let read = 0;
  while (read < length) {
    const got = readSync(fd, into, read, length - read, position + read);
    if (got === 0) {
      return false;
    }
    read += got;
  }
  return true;
}
