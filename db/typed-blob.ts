// Bulk numbers go into SQLite as little-endian BLOBs of typed arrays (never JSON arrays).
type TypedArrayConstructor<T> = { new (buffer: ArrayBuffer): T; BYTES_PER_ELEMENT: number };

export function blobOf(array: ArrayBufferView): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

/** Copies the BLOB into a fresh, aligned typed array. */
export function typedArrayOf<T>(blob: Buffer, type: TypedArrayConstructor<T>): T {
  if (blob.byteLength % type.BYTES_PER_ELEMENT !== 0) {
    throw new Error(`a BLOB of ${blob.byteLength} bytes is not a whole number of ${type.BYTES_PER_ELEMENT}-byte values`);
  }
  const copy = new ArrayBuffer(blob.byteLength);
  new Uint8Array(copy).set(blob);
  return new type(copy);
}
