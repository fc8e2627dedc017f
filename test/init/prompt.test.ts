// The terminal questions of `flue-action init` on plain streams: answers by number or name, defaults, and a
// stdin closed before an answer (Ctrl-D), which must end init rather than hang it.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { terminalPrompter } from '../../src/cli/init-prompt.js';

function prompter() {
  const input = new PassThrough();
  const output = new PassThrough();
  let shown = '';
  output.on('data', (chunk: Buffer) => (shown += chunk.toString()));
  return { input, ask: terminalPrompter(input, output), shown: () => shown };
}

describe('terminalPrompter', () => {
  it('takes a number or a name, and asks again after anything else', async () => {
    const { input, ask, shown } = prompter();
    input.write('7\nzebra\n2\n');
    expect(
      await ask.choose('Pick', [
        { value: 'a', label: 'A' },
        { value: 'b', label: 'B' },
      ]),
    ).toBe('b');
    input.write('a\n');
    expect(await ask.choose('Again', [{ value: 'a', label: 'A' }])).toBe('a');
    expect(shown()).toBe(
      "Pick\n  1) A\n  2) B\nNumber or name [1-2]: '7' is not one of the choices.\nNumber or name [1-2]: 'zebra' is not one of the choices.\nNumber or name [1-2]: Again\n  1) A\nNumber or name [1-1]: ",
    );
    ask.close();
  });

  it('an empty answer is the default; anything but y/yes/n/no is asked again', async () => {
    const { input, ask, shown } = prompter();
    input.write('\nmaybe\nNO\n');
    expect(await ask.confirm('Write?', true)).toBe(true);
    expect(await ask.confirm('Overwrite?', false)).toBe(false);
    expect(shown()).toBe('Write? [Y/n] Overwrite? [y/N] Please answer y or n.\nOverwrite? [y/N] ');
    ask.close();
  });

  it('stdin closed before an answer: an error, not a hang', async () => {
    const { input, ask } = prompter();
    const answer = ask.confirm('Write?', true);
    input.end();
    await expect(answer).rejects.toThrow('stdin closed before an answer to flue-action init; nothing more was written.');
  });
});
