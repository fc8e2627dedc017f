// The questions `flue-action init` asks on a terminal: pick one of a list, or yes/no. Answers are read a line
// at a time from stdin; a closed stdin (Ctrl-D) ends init with a message instead of hanging.
import { createInterface, type Interface } from 'node:readline';
import { InputError } from '../errors.js';

export interface Choice {
  value: string;
  label: string;
}

export interface Prompter {
  /** Asks until the answer is a number from the list or one of the values. */
  choose(question: string, choices: Choice[]): Promise<string>;
  /** `fallback` is the answer to an empty line, shown as [Y/n] or [y/N]. */
  confirm(question: string, fallback: boolean): Promise<boolean>;
  close(): void;
}

export function terminalPrompter(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Prompter {
  const lines: string[] = [];
  const waiting: Array<(line: string | undefined) => void> = [];
  let closed = false;
  const readline: Interface = createInterface({ input, terminal: false });
  readline.on('line', (line) => {
    const next = waiting.shift();
    if (next) next(line);
    else lines.push(line);
  });
  readline.on('close', () => {
    closed = true;
    for (const next of waiting.splice(0)) next(undefined);
  });
  const ask = async (question: string): Promise<string> => {
    output.write(question);
    const line = lines.shift() ?? (closed ? undefined : await new Promise<string | undefined>((resolve) => waiting.push(resolve)));
    if (line === undefined) throw new InputError('stdin closed before an answer to flue-action init; nothing more was written.');
    return line.trim();
  };
  return {
    async choose(question, choices) {
      const menu = choices.map((choice, index) => `  ${index + 1}) ${choice.label}`).join('\n');
      output.write(`${question}\n${menu}\n`);
      for (;;) {
        const answer = await ask(`Number or name [1-${choices.length}]: `);
        const byNumber = /^\d+$/.test(answer) ? choices[Number(answer) - 1] : undefined;
        const chosen = byNumber ?? choices.find((choice) => choice.value === answer);
        if (chosen) return chosen.value;
        output.write(`'${answer}' is not one of the choices.\n`);
      }
    },
    async confirm(question, fallback) {
      for (;;) {
        const answer = (await ask(`${question} ${fallback ? '[Y/n]' : '[y/N]'} `)).toLowerCase();
        if (answer === '') return fallback;
        if (answer === 'y' || answer === 'yes') return true;
        if (answer === 'n' || answer === 'no') return false;
        output.write('Please answer y or n.\n');
      }
    },
    close: () => readline.close(),
  };
}
