/** A piece of a terminal line, plain or in one tone. */
export type Part = string | readonly [Tone, string];
export type Tone = 'bold' | 'dim' | 'red' | 'green' | 'yellow' | 'cyan';

const ANSI: Record<Tone, number> = { bold: 1, dim: 2, red: 31, green: 32, yellow: 33, cyan: 36 };

// Each alternative stops at the next escape or string start, so a run of unterminated ones is still
// read once: linear on any input, which is a stranger's or the model's.
const ESCAPE_SEQUENCES = new RegExp(
  [
    // CSI (colours, cursor moves, screen clears): ESC [ or 0x9B, parameters, intermediates, a final byte.
    '(?:\\x1b\\[|\\x9b)[0-?]*[ -/]*[@-~]',
    // OSC, DCS, SOS, PM, APC (clipboard writes, titles, links): a string up to BEL or ST (ESC \ or 0x9C).
    '(?:\\x1b[\\]PX^_]|[\\x90\\x98\\x9d-\\x9f])[^\\x07\\x1b\\x90\\x98\\x9c-\\x9f]*(?:\\x07|\\x1b\\\\|\\x9c)',
    // Any other escape: ESC, intermediates, a final byte.
    '\\x1b[ -/]*[0-~]',
  ].join('|'),
  'g',
);

// C0 but tab and newline, DEL, C1: what is left of a cut sequence, a carriage return that would let
// a line overwrite what it showed, a bell.
const CONTROL_CHARACTERS = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

/**
 * The console sanitizer: text from the model, the event or the workspace, safe to print where a
 * terminal reads it (the CLI's stdout and stderr, a job log someone `cat`s). Every escape sequence
 * goes with its payload (OSC 52 writes the reader's clipboard, OSC 8 disguises a link, CSI rewrites
 * the screen), then every other control character but tab and newline. The runner's own colours are
 * added after (`paint`), never taken from the text.
 */
export function terminalSafe(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(ESCAPE_SEQUENCES, '').replace(CONTROL_CHARACTERS, '');
}

/**
 * `value` as indented JSON that prints safely: JSON escapes C0 controls but not DEL and C1 (0x9B is
 * a CSI to many terminals), so those are written as `\u009b` too. The value read back is the same.
 */
export function terminalSafeJson(value: unknown): string {
  return (JSON.stringify(value, null, 2) ?? 'null').replace(/[\x7f-\x9f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Joins parts into one line, each made terminal-safe, colouring only when asked. */
export function paint(parts: readonly Part[], color: boolean): string {
  return parts
    .map((part) => {
      if (typeof part === 'string') return terminalSafe(part);
      const [tone, text] = part;
      return color ? `\x1b[${ANSI[tone]}m${terminalSafe(text)}\x1b[0m` : terminalSafe(text);
    })
    .join('');
}
