import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as valibot from 'valibot';
import { describe, expect, it } from 'vitest';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));

// Imported by URL at run time: these are the built files users' TS agents load, not the sources.
const load = (file: string): Promise<Record<string, unknown>> => import(/* @vite-ignore */ `${dist}${file}`);

describe('dist entry files', () => {
  it('exist (run npm run build)', () => {
    for (const file of ['cli.js', 'core.js', 'lib.js', 'lib.d.ts', 'valibot.js']) {
      expect(existsSync(`${dist}${file}`), `dist/${file}`).toBe(true);
    }
  });

  it('dist/valibot.js exports every valibot export, reserved words included', async () => {
    const built = await load('valibot.js');
    const expected = Object.keys(valibot)
      .filter((name) => name !== 'default')
      .sort();
    expect(Object.keys(built).sort()).toEqual(expected);
    for (const name of ['enum', 'function', 'null', 'void', 'object', 'pipe']) {
      expect(typeof built[name], name).toBe('function');
    }
    const schema = (built.object as typeof valibot.object)({ n: (built.number as typeof valibot.number)() });
    expect(valibot.safeParse(schema, { n: 1 }).success).toBe(true);
  });

  it('dist/lib.js exports defineAgent and defineTool as identity functions', async () => {
    const lib = await load('lib.js');
    expect(Object.keys(lib).sort()).toEqual(['defineAgent', 'defineTool']);
    const config = { description: 'x' };
    expect((lib.defineAgent as (c: object) => object)(config)).toBe(config);
  });
});
