/** Keeps the last `max` characters: a command's conclusion (errors, exit status) comes last. */
export function keepTail(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.length - max;
  return `[truncated: the first ${cut} of ${text.length} characters were cut; showing the last ${max}]\n${text.slice(cut)}`;
}

/** Keeps the first `max` characters, ending with a marker that says what to do to see the rest. */
export function keepHead(text: string, max: number, hint: string): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}\n[truncated: showing the first ${max} of ${text.length} characters; ${hint}]`;
}

/** Bytes that look like a binary file: a NUL in the first 8 KB, as git and grep decide. */
export function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8_192).includes(0);
}
