import { describe, expect, it } from 'vitest';
import { batchedOutput } from '../../src/cli/batched-output.js';

const turnOfTheLoop = () => new Promise((resolve) => setImmediate(resolve));

describe('batchedOutput', () => {
  it('writes what one turn of the event loop gathered in one write, on the next turn', async () => {
    const writes: string[] = [];
    const out = batchedOutput({ write: (text: string) => writes.push(text) });
    out.write('turn 1 model 2 ms\n');
    out.write('→ read README.md\n');
    expect(writes).toEqual([]);
    await turnOfTheLoop();
    expect(writes).toEqual(['turn 1 model 2 ms\n→ read README.md\n']);
    out.write('← read 0 ms ok\n');
    await turnOfTheLoop();
    expect(writes).toEqual(['turn 1 model 2 ms\n→ read README.md\n', '← read 0 ms ok\n']);
  });

  it('flush writes what is pending at once, and the scheduled write then has nothing to add', async () => {
    const writes: string[] = [];
    const out = batchedOutput({ write: (text: string) => writes.push(text) });
    out.write('succeeded · 5 turns\n');
    out.flush();
    writes.push('direct: the summary\n');
    await turnOfTheLoop();
    expect(writes).toEqual(['succeeded · 5 turns\n', 'direct: the summary\n']);
  });
});
