/** A piece of a terminal line, plain or in one tone. */
export type Part = string | readonly [Tone, string];
export type Tone = 'bold' | 'dim' | 'red' | 'green' | 'yellow' | 'cyan';

const ANSI: Record<Tone, number> = { bold: 1, dim: 2, red: 31, green: 32, yellow: 33, cyan: 36 };

/**
 * Control characters from the log (a tool's ANSI colours, a carriage return, an OSC sequence that
 * writes the clipboard) are shown as `\xNN` instead of reaching the reader's terminal.
 */
export const printable = (text: string): string =>
  text.replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

/** Joins parts into one line, escaping every part, colouring only when asked. */
export function paint(parts: readonly Part[], color: boolean): string {
  return parts
    .map((part) => {
      if (typeof part === 'string') return printable(part);
      const [tone, text] = part;
      return color ? `\x1b[${ANSI[tone]}m${printable(text)}\x1b[0m` : printable(text);
    })
    .join('');
}
