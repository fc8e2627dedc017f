import { afterAll, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { startFakeAnthropic, text, toolUse, hang } from '../fakes/anthropic.js';
import { cli, HELLO_AGENT, makeTempDir, removeTempDirs, spawnCli, cleanEnv, waitFor, killChildren } from './helpers.js';
afterAll(removeTempDirs);
it('probe', async () => {
  const fake = await startFakeAnthropic({ turns: [toolUse('read', { path: 'a.txt' }), hang()] });
  const repo = await makeTempDir({ '.flue/agents/hello.md': HELLO_AGENT, 'a.txt': 'abc\n' });
  const logDir = await makeTempDir();
  const env = cleanEnv({ ANTHROPIC_API_KEY: 'sk-test-key', ANTHROPIC_BASE_URL: fake.url });
  const s = spawnCli(['run', 'hello', '--cwd', repo, '--log-dir', logDir], { env });
  const log = await waitFor(() => { const f = readdirSync(logDir).find(x => x.endsWith('.jsonl')); return f && readFileSync(logDir + '/' + f, 'utf8').includes('"tool_result"') ? logDir + '/' + f : undefined; }, 'tool result');
  s.child.kill('SIGKILL');
  console.log(await s.exited, s.stdout(), s.stderr());
  console.log(readdirSync(logDir));
  const v = await cli(['view', log]);
  console.log(v.code, v.stdout, v.stderr);
  await fake.close();
});
