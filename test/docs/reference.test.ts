// docs/reference.md is generated (scripts/docs-reference.mjs): the committed file must be what the generator
// writes from the sources as they are, and the tables it reads must describe what the code accepts.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPTIONS, USAGE } from '../../src/cli/args.js';
import { EXIT } from '../../src/cli/exit-codes.js';
import { OUTPUT_DOCS, SKILL_FIELD_DOCS } from '../../src/definitions/field-docs.js';
import { MARKDOWN_NAMING } from '../../src/definitions/naming.js';
import { readOutputs } from '../../src/definitions/outputs.js';
import { parseSkill } from '../../src/definitions/skill-file.js';
import type { OutputKind } from '../../src/definitions/types.js';
// @ts-expect-error: a plain .mjs script, no declarations.
import { renderReference } from '../../scripts/docs-reference.mjs';
import { ROOT } from '../cli/helpers.js';

const COMMITTED = path.join(ROOT, 'docs', 'reference.md');

describe('docs/reference.md', () => {
  it('is what `npm run docs` writes from the sources (run it and commit the file when this fails)', async () => {
    const generated = (await renderReference(ROOT)) as string;
    expect(readFileSync(COMMITTED, 'utf8')).toBe(generated);
  });

  it('`node scripts/docs.mjs --check` agrees, on this Node (20 has no type stripping: scripts/docs-loader.mjs)', () => {
    expect(execFileSync(process.execPath, ['scripts/docs.mjs', '--check'], { cwd: ROOT, encoding: 'utf8' })).toBe('docs/reference.md is current.\n');
  });

  it('names every exit status with its code', () => {
    const text = readFileSync(COMMITTED, 'utf8');
    for (const [status, code] of Object.entries(EXIT)) expect(text).toContain(`| ${code} | \`${status}\` |`);
  });
});

describe('the tables the reference is built from', () => {
  it('every CLI flag is in the help text', () => {
    const missing = Object.keys(OPTIONS).filter((flag) => !USAGE.includes(`--${flag}`));
    expect(missing).toEqual([]);
  });

  it('every documented output key is one the reader accepts; an undocumented one is refused', () => {
    for (const [kind, doc] of Object.entries(OUTPUT_DOCS) as Array<[OutputKind, (typeof OUTPUT_DOCS)[OutputKind]]>) {
      const name = MARKDOWN_NAMING.outputs[kind];
      const example: Record<string, unknown> = { max: 1, allowed: ['bug'], events: ['COMMENT'] };
      const settings = Object.fromEntries(Object.keys(doc.keys).map((key) => [key, example[key]]));
      expect(() => readOutputs({ [name]: settings }, 'agent.md', MARKDOWN_NAMING), `${name}: ${Object.keys(doc.keys).join(', ')}`).not.toThrow();
      expect(() => readOutputs({ [name]: { ...settings, undocumented: 1 } }, 'agent.md', MARKDOWN_NAMING)).toThrow(/undocumented/);
    }
  });

  it('every documented SKILL.md field is one the reader knows (no "unknown field" warning)', () => {
    const values: Record<string, string> = {
      name: 'demo',
      description: 'A demo skill.',
      license: 'MIT',
      compatibility: 'Any',
      metadata: '{ owner: docs }',
      'allowed-tools': 'Read Grep',
    };
    const frontmatter = Object.keys(SKILL_FIELD_DOCS).map((field) => `${field}: ${values[field]}`);
    const where = { file: '.flue/skills/demo/SKILL.md', dir: '/x/demo', folder: 'demo' };
    const parsed = parseSkill(`---\n${frontmatter.join('\n')}\n---\nBody.\n`, where);
    expect(parsed).toMatchObject({ ok: true, warnings: [] });
    const unknown = parseSkill('---\nname: demo\ndescription: A demo skill.\nflavour: x\n---\nBody.\n', where);
    expect(unknown).toMatchObject({ ok: true, warnings: [{ message: expect.stringContaining('unknown field "flavour"') }] });
  });
});
