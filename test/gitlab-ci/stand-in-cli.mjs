#!/usr/bin/env node
// Stands in for flue-action's CLI in a GitLab job run by gitlab-ci-local: it records the arguments it was
// given and the variables the CLI reads, as JSON, in the log directory (which the job keeps as artifacts)
// and on stdout, so a test can prove what the template passes and that nothing else ran.
// STAND_IN_EXIT sets its exit code, to prove the artifacts are kept when the run fails. A recording `npm`
// installs it as flue-action's dist/cli.js: `script` says which file ran.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const argv = process.argv.slice(2);
// The variables the CLI reads: GitLab's CI_* ones, and these.
const READ = ['GITLAB_CI', 'GITLAB_USER_LOGIN', 'FLUE_GITLAB_TOKEN', 'GITLAB_TOKEN', 'TRIGGER_PAYLOAD', 'ANTHROPIC_API_KEY', 'ANTHROPIC_BASE_URL'];
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => READ.includes(name) || name.startsWith('CI_')));
// TRIGGER_PAYLOAD is a file variable: its value is a path, and the file is gone when the job ends.
const payload = process.env.TRIGGER_PAYLOAD ? readFileSync(process.env.TRIGGER_PAYLOAD, 'utf8') : undefined;
const record = JSON.stringify({ argv, env, cwd: process.cwd(), script: process.argv[1], payload });
const at = argv.indexOf('--log-dir');
if (at !== -1) {
  const dir = argv[at + 1];
  mkdirSync(dir, { recursive: true });
  // Named like the CLI's logs (`<agent>-<stamp>-<id>.jsonl`), unique: jobs of one pipeline share the folder.
  const agent = String(argv[argv.indexOf('run') + 1]).replace(/\W+/g, '_');
  writeFileSync(path.join(dir, `${agent}-stand-in-${process.pid}.jsonl`), `${record}\n`);
}
console.log(`stand-in: ${record}`);
process.exit(Number(process.env.STAND_IN_EXIT ?? 0));
