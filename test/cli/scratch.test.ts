import { afterAll, it } from 'vitest';
import { cli, HELLO_AGENT, makeTempDir, removeTempDirs } from './helpers.js';
afterAll(removeTempDirs);
it('probe', async () => {
  const repo = await makeTempDir({ '.flue/agents/y.md': '---\ndescription: [oops\ntools: read\n---\nx', '.flue/agents/hello.md': HELLO_AGENT, 'a.txt': 'abc\n', '.flue/agents/t.md': '---\ndescription: T\ntools: [read, fly]\n---\nx', '.flue/agents/n.md': 'no frontmatter' });
  const env = { ANTHROPIC_API_KEY: 'k' };
  for (const argv of [['run', 'y'], ['run', 't'], ['run', 'n'], ['run', 'hello', '--cwd', '/nonexistent'], ['run', 'hello', '--model'], ['run', 'hello', '--html'], ['view', 'nope.jsonl'], ['view', 'a.txt'], ['list', 'extra'], ['frobnicate'], ['run'], ['run', 'hello', '--input', '{bad'], ['run', 'hello', '--max-cost-usd', '-1'], ['check'], ['list'], ['run', '--help']]) {
    const r = await cli(argv[0] === 'run' && !argv.includes('--cwd') ? [...argv, '--cwd', repo] : argv, { env, cwd: repo });
    console.log(argv.join(' '), '=>', JSON.stringify(r));
  }
});
