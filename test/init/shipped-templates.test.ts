// The templates the package ships (templates/agents/, written beside this work): each one set up by init for
// GitHub and for GitLab must pass `check --strict`. Skipped until templates/agents/ exists.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultTemplatesDir, listTemplates } from '../../src/cli/init-templates.js';
import { cli, removeTempDirs, ROOT } from '../cli/helpers.js';
import { tempRepo } from './helpers.js';

afterAll(removeTempDirs);

const shipped = path.join(ROOT, 'templates', 'agents');
const templates = existsSync(shipped) ? listTemplates(shipped).map((template) => template.name) : [];

describe.skipIf(templates.length === 0)('the shipped templates', () => {
  it('are where the CLI looks for them', () => {
    expect(defaultTemplatesDir()).toBe(`${shipped}/`);
  });

  it.each(templates.flatMap((name) => [[name, '--github'] as const, [name, '--gitlab'] as const]))(
    '%s %s: init --yes, then check --strict',
    async (name, platform) => {
      const dir = await tempRepo();
      const init = await cli(['init', name, '--yes', platform], { cwd: dir });
      expect(init.stderr).toBe('');
      expect(init.code).toBe(0);
      expect(await cli(['check', '--strict'], { cwd: dir })).toEqual({ code: 0, stdout: 'ok: 0 error(s), 0 warning(s)\n', stderr: '' });
    },
  );
});
