import { closeSync, fsyncSync, openSync, readSync, renameSync, writeSync } from "node:fs";

/** Writes every byte of `view` at the file's current position (writeSync may write less than asked). */
export function writeAll(fd: number, view: ArrayBufferView): void {
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  let written = 0;
  while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
}

/**
 * Writes a file so that readers (and a process resumed after a kill) see either the old contents or the new,
 * never a torn file: write a sibling temp file, fsync it, rename over the target.
 */
export function writeFileAtomic(path: string, parts: ArrayBufferView | string | readonly (ArrayBufferView | string)[]): void {
  const temp = `${path}.tmp-${process.pid}`;
  const fd = openSync(temp, "w");
  try {
    for (const part of Array.isArray(parts) ? parts : [parts]) writeAll(fd, typeof part === "string" ? Buffer.from(part, "utf8") : part);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}

/** Reads exactly `target.byteLength` bytes at `position` into `target` (readSync may return fewer). */
export function readExactly(fd: number, target: ArrayBufferView, position: number): void {
  const bytes = new Uint8Array(target.buffer, target.byteOffset, target.byteLength);
  let read = 0;
  while (read < bytes.length) {
    const n = readSync(fd, bytes, read, bytes.length - read, position + read);
    if (n === 0) throw new Error(`unexpected end of file: wanted ${bytes.length} bytes at byte ${position}, got ${read}`);
    read += n;
  }
}

/** Runs `use` with a file opened read-only, closing it afterwards. */
export function withOpenFile<T>(path: string, use: (fd: number) => T): T {
  const fd = openSync(path, "r");
  try {
    return use(fd);
  } finally {
    closeSync(fd);
  }
}
