import { tmpdir } from 'node:os';
import { HANDOFF_VARIABLE, removeHandoff, takeHandoff, writeHandoff } from './handoff.js';
import { checkoutRoot, restartDecision } from './restart-needed.js';
import { isKept, isMemoryOnly, keptVariables, secretValues } from './variables.js';
export const RESTART_NOTE_VARIABLE = 'FLUE_RESTART_NOTE';
export function startWithoutSecrets(options) {
    const handoff = process.env[HANDOFF_VARIABLE];
    if (handoff !== undefined) {
        delete process.env[HANDOFF_VARIABLE];
        return settle(Object.assign(environmentCopy(), takeHandoff(handoff)));
    }
    const env = environmentCopy();
    if (options.restart !== false) {
        const decision = restartDecision(checkoutRoot(options.restart, env, process.argv.slice(2), process.cwd()));
        if (decision.restart)
            restartWithKeptVariables(env);
        else
            process.env[RESTART_NOTE_VARIABLE] = `not restarted: ${decision.reason}`;
    }
    return settle(env);
}
function restartWithKeptVariables(env) {
    if (typeof process.execve !== 'function')
        return;
    const kept = keptVariables(env);
    const moved = Object.create(null);
    for (const [name, value] of Object.entries(env))
        if (!(name in kept))
            moved[name] = value;
    if (Object.keys(moved).length === 0)
        return;
    let file;
    try {
        file = writeHandoff(moved, env.RUNNER_TEMP || tmpdir());
        process.execve(process.execPath, [process.execPath, ...process.execArgv, ...process.argv.slice(1)], { ...kept, [HANDOFF_VARIABLE]: file });
    }
    catch (error) {
        if (file !== undefined)
            removeHandoff(file);
        process.stderr.write(`flue-action: could not restart without the secrets in its environment: ${error.message}\n`);
    }
}
function settle(env) {
    for (const [name, value] of Object.entries(process.env)) {
        if (value === undefined || !isKept(name, value))
            delete process.env[name];
    }
    for (const [name, value] of Object.entries(env))
        if (isMemoryOnly(name, value))
            process.env[name] = value;
    return { env: Object.freeze(env), secrets: Object.freeze(secretValues(env)) };
}
function environmentCopy() {
    const copy = Object.create(null);
    for (const [name, value] of Object.entries(process.env))
        if (value !== undefined)
            copy[name] = value;
    return copy;
}
