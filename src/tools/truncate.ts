/** Bytes that look like a binary file: a NUL in the first 8 KB, as git and grep decide. */
export function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8_192).includes(0);
}
