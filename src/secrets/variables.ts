/**
 * Which environment variables the runner's process keeps, and which values are secrets.
 *
 * A real command the agent runs can read the environment block its parent was started with
 * (`/proc/<ppid>/environ`), and deleting a name from `process.env` does not change that block. So the
 * runner restarts itself (start.ts) with only the variables below: each is either needed by Node, the
 * Actions toolkit or a tool the workflow installed, and none of them authenticates anything.
 * Everything else (inputs, `ACTIONS_*`, tokens, whatever the workflow put in the step's env) lives
 * in the runner's memory only, and reaches the code that needs it as an argument.
 *
 * Self-contained (node: imports only): scripts/build.mjs compiles this folder on its own, so the
 * restart happens before the runner's bundle is even loaded.
 */

/** Kept by exact name. */
const KEPT_NAMES = new Set([
  // Finding programs, the user's home and temp folders, the locale and the time zone; `CI` tells
  // tools not to prompt. None is a credential.
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
  // A private certificate authority (self-hosted runners behind TLS inspection): a path, read by
  // Node's TLS at start-up, so it must be in the environment the process starts with.
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
]);

/**
 * Windows needs these to start programs and to find its folders (names are case-insensitive there).
 * Windows has no process.execve: they matter to the in-place clean-up, which must not break `spawn`.
 */
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

/**
 * Kept by prefix, unless the name says it holds a credential (SECRET_NAME: GITHUB_TOKEN, NODE_AUTH_TOKEN).
 * - `GITHUB_*`: the event, its payload's path, the run's ids and URLs, and the file commands
 *   (GITHUB_OUTPUT, GITHUB_STATE, GITHUB_STEP_SUMMARY, GITHUB_ENV, GITHUB_PATH) @actions/core writes to.
 * - `RUNNER_*`: RUNNER_TEMP, RUNNER_TOOL_CACHE, RUNNER_DEBUG (which `core.debug` reads), the OS and arch.
 * - `STATE_*`: what the main step saved for the post step (`core.getState` reads them); we wrote them.
 * - `NODE_*`: Node's own options (NODE_OPTIONS, NODE_EXTRA_CA_CERTS, NODE_USE_ENV_PROXY,
 *   NODE_V8_COVERAGE, ...), which Node reads as it starts; NODE_AUTH_TOKEN (setup-node's registry
 *   token) is caught by SECRET_NAME.
 * - `LC_*`: the locale.
 * - `FLUE_*`: flue-action's own switches, and the bench's probe (bench/rss-probe.mjs), which Node
 *   preloads into the restarted process too.
 */
const KEPT_PREFIXES = ['GITHUB_', 'RUNNER_', 'STATE_', 'NODE_', 'LC_', 'FLUE_'];

/**
 * A proxy is configuration the runner needs to reach any API, read by @actions/http-client per request
 * and by Node's own proxy support (NODE_USE_ENV_PROXY) at start-up. Kept when its URL has no password;
 * a proxy URL with credentials is a secret: it is kept out of the environment a child can read and put
 * back into `process.env` in memory only (see `memoryOnly`).
 */
const PROXY_NAMES = new Set(['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'NO_PROXY']);

/**
 * A name that says its value is a credential: one of these words as a `_`/`-`-separated part of it
 * (INPUT_GITHUB-TOKEN, ACTIONS_RUNTIME_TOKEN, ANTHROPIC_API_KEY, AWS_SECRET_ACCESS_KEY, CI_JOB_JWT_V2,
 * NPM_CONFIG__AUTH, DB_PASSWORD). Never kept, even under a kept prefix, and always redacted.
 */
const SECRET_NAME =
  /(?:^|[_-])(?:TOKEN|SECRET|SECRETS|PASSWORD|PASSWD|PASS|PASSPHRASE|CREDENTIAL|CREDENTIALS|JWT|AUTH|KEY|APIKEY|PAT|COOKIE|PRIVATE)(?:$|[_-])/i;

/**
 * A value shaped like a token, whatever its name (`env: { DEPLOY: ${{ secrets.X }} }`): the same
 * shapes the redactor knows (src/session-log/redact.ts).
 */
const TOKEN_VALUE = /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_\w{20,}|sk-ant-[\w-]{20,}|glpat-[\w-]{20,}|eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.)/;

export type Environment = Readonly<Record<string, string>>;

/** Whether `name=value` stays in the environment of the runner's process (and so of what reads it). */
export function isKept(name: string, value: string, platform: NodeJS.Platform = process.platform): boolean {
  if (SECRET_NAME.test(name) || TOKEN_VALUE.test(value)) return false;
  const upper = name.toUpperCase();
  if (PROXY_NAMES.has(upper)) return !hasPassword(value);
  if (KEPT_NAMES.has(name) || KEPT_PREFIXES.some((prefix) => name.startsWith(prefix))) return true;
  return platform === 'win32' && (KEPT_NAMES.has(upper) || KEPT_WINDOWS_NAMES.has(upper));
}

/** Variables that are not kept but go back into `process.env` in memory: proxies with a password (see PROXY_NAMES). */
export function isMemoryOnly(name: string, value: string): boolean {
  return PROXY_NAMES.has(name.toUpperCase()) && hasPassword(value);
}

/** The variables of `env` that the process keeps. Null prototype: names are data. */
export function keptVariables(env: Environment, platform: NodeJS.Platform = process.platform): Record<string, string> {
  const kept = Object.create(null) as Record<string, string>;
  for (const [name, value] of Object.entries(env)) if (isKept(name, value, platform)) kept[name] = value;
  return kept;
}

/**
 * Every secret value in `env`: by name (SECRET_NAME), by shape (TOKEN_VALUE), and a proxy's password.
 * Each also trimmed (inputs are read trimmed) and line by line (a multi-line key is printed a line at
 * a time). The redactor ignores what is too short to be a credential.
 */
export function secretValues(env: Readonly<Record<string, string | undefined>>): string[] {
  const found = new Set<string>();
  const add = (value: string): void => {
    for (const candidate of [value, value.trim(), ...value.split(/\r?\n/).map((line) => line.trim())]) {
      if (candidate.trim() !== '') found.add(candidate);
    }
  };
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || value === '') continue;
    if (SECRET_NAME.test(name) || TOKEN_VALUE.test(value)) add(value);
    else if (PROXY_NAMES.has(name.toUpperCase()) && hasPassword(value)) add(passwordOf(value));
  }
  return [...found];
}

function hasPassword(value: string): boolean {
  return passwordOf(value) !== '';
}

/** The password of a proxy URL (`http://user:pass@host:3128`), decoded; '' when there is none. */
function passwordOf(value: string): string {
  try {
    const url = new URL(value.includes('://') ? value : `http://${value}`);
    return decodeURIComponent(url.password);
  } catch {
    return '';
  }
}
