const KEPT_NAMES = new Set([
    'PATH',
    'HOME',
    'USER',
    'LOGNAME',
    'SHELL',
    'PWD',
    'LANG',
    'LANGUAGE',
    'TZ',
    'TERM',
    'TMPDIR',
    'CI',
    'NO_COLOR',
    'FORCE_COLOR',
    'SSL_CERT_FILE',
    'SSL_CERT_DIR',
]);
const KEPT_WINDOWS_NAMES = new Set([
    'SYSTEMROOT',
    'WINDIR',
    'COMSPEC',
    'PATHEXT',
    'TEMP',
    'TMP',
    'USERPROFILE',
    'APPDATA',
    'LOCALAPPDATA',
    'PROGRAMDATA',
    'PROGRAMFILES',
    'PROGRAMFILES(X86)',
    'SYSTEMDRIVE',
    'HOMEDRIVE',
    'HOMEPATH',
    'USERNAME',
    'NUMBER_OF_PROCESSORS',
    'PROCESSOR_ARCHITECTURE',
    'OS',
]);
const KEPT_PREFIXES = ['GITHUB_', 'RUNNER_', 'STATE_', 'NODE_', 'LC_', 'FLUE_'];
const PROXY_NAMES = new Set(['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'NO_PROXY']);
const SECRET_NAME = /(?:^|[_-])(?:TOKEN|SECRET|SECRETS|PASSWORD|PASSWD|PASS|PASSPHRASE|CREDENTIAL|CREDENTIALS|JWT|AUTH|KEY|APIKEY|PAT|COOKIE|PRIVATE)(?:$|[_-])/i;
const TOKEN_VALUE = /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_\w{20,}|sk-ant-[\w-]{20,}|glpat-[\w-]{20,}|eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.)/;
export function isKept(name, value, platform = process.platform) {
    if (SECRET_NAME.test(name) || TOKEN_VALUE.test(value))
        return false;
    const upper = name.toUpperCase();
    if (PROXY_NAMES.has(upper))
        return !hasPassword(value);
    if (KEPT_NAMES.has(name) || KEPT_PREFIXES.some((prefix) => name.startsWith(prefix)))
        return true;
    return platform === 'win32' && (KEPT_NAMES.has(upper) || KEPT_WINDOWS_NAMES.has(upper));
}
export function isMemoryOnly(name, value) {
    return PROXY_NAMES.has(name.toUpperCase()) && hasPassword(value);
}
export function keptVariables(env, platform = process.platform) {
    const kept = Object.create(null);
    for (const [name, value] of Object.entries(env))
        if (isKept(name, value, platform))
            kept[name] = value;
    return kept;
}
export function secretValues(env) {
    const found = new Set();
    const add = (value) => {
        for (const candidate of [value, value.trim(), ...value.split(/\r?\n/).map((line) => line.trim())]) {
            if (candidate.trim() !== '')
                found.add(candidate);
        }
    };
    for (const [name, value] of Object.entries(env)) {
        if (value === undefined || value === '')
            continue;
        if (SECRET_NAME.test(name) || TOKEN_VALUE.test(value))
            add(value);
        else if (PROXY_NAMES.has(name.toUpperCase()) && hasPassword(value))
            add(passwordOf(value));
    }
    return [...found];
}
function hasPassword(value) {
    return passwordOf(value) !== '';
}
function passwordOf(value) {
    try {
        const url = new URL(value.includes('://') ? value : `http://${value}`);
        return decodeURIComponent(url.password);
    }
    catch {
        return '';
    }
}
