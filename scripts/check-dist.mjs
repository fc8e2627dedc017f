// CI guard: dist/ must be exactly what scripts/build.mjs makes from the committed sources,
// because the action runs dist/, not src/.
import { execFileSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
// New files count (dist/.npmignore, a new chunk), whatever the git configuration says about untracked files.
const changed = execFileSync('git', ['status', '--porcelain', '--untracked-files=all', '--', 'dist'], { cwd: root, encoding: 'utf8' });
if (changed.trim() !== '') {
  console.error(`dist/ is stale: run \`npm run build\` and commit dist/.\n${changed}`);
  process.exit(1);
}
console.log('dist/ is current.');
