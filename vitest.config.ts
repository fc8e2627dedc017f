import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * The tests that run the built action's steps end to end. GitHub runs the action on node24 whatever
 * Node the job set up (action.yml `runs.using`), so they run on Node 24 and up; on an older Node the
 * suite tests what does run there (engines: >= 20): the CLI, end to end, and every module.
 */
const ACTION_END_TO_END = [
  'test/action/{events,gate,lifecycle,post,pr-comment,rerun,resume,review,status-table,triage}.test.ts',
  'test/attacks/e2e-*.test.ts',
  'test/build/{self-test,post-entry}.test.ts',
  // gitlab-ci-local needs Node >= 22; GitLab jobs run the template's image, node:24-slim by default.
  'test/gitlab-ci/{pipeline,cli}.test.ts',
  'test/templates/{action,gitlab-ci}.test.ts',
];
const actionRuntime = Number(process.versions.node.split('.')[0]) >= 24;

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: actionRuntime ? configDefaults.exclude : [...configDefaults.exclude, ...ACTION_END_TO_END],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // A worker process runs file after file without a fresh process and module graph for each: that
    // start-up was most of the CPU of the unit tests. Test helpers therefore clean up per test
    // (onTestFinished), not from a module's top-level hooks, which would run for its first file only.
    isolate: false,
    // vitest's default is one worker fewer than the cores: on a 2-core runner, one. The end-to-end
    // tests spend most of their time waiting on the action's own processes, which more workers fill:
    // on 2 cores, Node 24, 3 workers took 40.3 s and 4 took 36.9 s (Node 20: 47.9 and 47.1 s).
    maxWorkers: availableParallelism() * 2,
    // dist/ is loaded by Node itself, as users' agents load it, not through vite's transform, where
    // 800 KB of minified bundle took a second of CPU.
    server: { deps: { external: [/\/dist\//] } },
  },
});
