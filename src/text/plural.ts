/** `noun` for a count of 1, else `noun` with an `s`: `${n} ${plural(n, 'turn')}`. */
export function plural(count: number, noun: string): string {
  return count === 1 ? noun : `${noun}s`;
}
