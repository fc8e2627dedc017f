import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
const DECLARES_COMMANDS = /\bcommands\s*[:=]|["']commands["']/;
const CODE = /\.(?:[cm]?[jt]s)$/;
const MAX_FILES = 500;
const MAX_FILE_BYTES = 1_000_000;
export function checkoutRoot(front, env, argv, cwd) {
    if (front === 'action')
        return resolve(env.GITHUB_WORKSPACE || cwd, env['INPUT_WORKING-DIRECTORY']?.trim() || '.');
    let dir;
    argv.forEach((arg, index) => {
        if (arg === '--cwd')
            dir = argv[index + 1];
        else if (arg.startsWith('--cwd='))
            dir = arg.slice('--cwd='.length);
    });
    return resolve(cwd, dir ?? '.');
}
export function restartDecision(root) {
    const flue = join(root, '.flue');
    const found = firstDeclaring(flue, { left: MAX_FILES });
    if (found === 'unknown')
        return { restart: true, reason: `${flue} could not be read whole` };
    if (found !== undefined)
        return { restart: true, reason: `${found} may start processes` };
    return { restart: false, reason: `no file under ${flue} declares commands or is code` };
}
function firstDeclaring(dir, budget) {
    let names;
    try {
        names = readdirSync(dir);
    }
    catch (error) {
        return error.code === 'ENOENT' ? undefined : 'unknown';
    }
    for (const name of names) {
        const file = join(dir, name);
        try {
            const stat = statSync(file);
            if (stat.isDirectory()) {
                const inner = firstDeclaring(file, budget);
                if (inner !== undefined)
                    return inner;
                continue;
            }
            if (!stat.isFile())
                continue;
            budget.left -= 1;
            if (budget.left < 0 || stat.size > MAX_FILE_BYTES)
                return 'unknown';
            if (CODE.test(name) || DECLARES_COMMANDS.test(readFileSync(file, 'utf8')))
                return file;
        }
        catch {
            return 'unknown';
        }
    }
    return undefined;
}
