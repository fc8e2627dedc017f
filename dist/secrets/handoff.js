import { closeSync, mkdtempSync, openSync, readFileSync, rmdirSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
export const HANDOFF_VARIABLE = 'FLUE_ACTION_ENV_HANDOFF';
const FOLDER_PREFIX = 'flue-env-';
const FILE_NAME = 'env.json';
export function writeHandoff(variables, parent) {
    const folder = mkdtempSync(join(parent, FOLDER_PREFIX));
    const file = join(folder, FILE_NAME);
    const fd = openSync(file, 'wx', 0o600);
    try {
        writeSync(fd, JSON.stringify(variables));
    }
    finally {
        closeSync(fd);
    }
    return file;
}
export function takeHandoff(file) {
    try {
        if (basename(file) !== FILE_NAME || !basename(dirname(file)).startsWith(FOLDER_PREFIX))
            throw new Error('not a file flue-action wrote');
        const stat = statSync(file);
        if (!stat.isFile() || (stat.mode & 0o077) !== 0)
            throw new Error('not a private regular file');
        const text = readFileSync(file, 'utf8');
        removeHandoff(file);
        const parsed = JSON.parse(text);
        if (parsed === null || typeof parsed !== 'object' || Object.values(parsed).some((value) => typeof value !== 'string')) {
            throw new Error('not a JSON object of strings');
        }
        return Object.assign(Object.create(null), parsed);
    }
    catch (error) {
        throw new Error(`flue-action: cannot read the environment handed over when it restarted (${HANDOFF_VARIABLE}=${file}): ${error.message}. ` +
            `Unset ${HANDOFF_VARIABLE}; flue-action sets it itself.`);
    }
}
export function removeHandoff(file) {
    try {
        unlinkSync(file);
    }
    catch {
    }
    try {
        rmdirSync(dirname(file));
    }
    catch {
    }
}
