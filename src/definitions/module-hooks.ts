import { createHash } from 'node:crypto';
import module from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Where a TS agent's two bare imports resolve: the runner's own bundled copies, so the user's
 * repository needs no `npm install` (and usually has no node_modules at all).
 */
export interface ModuleUrls {
  'flue-action': string;
  valibot: string;
}

/**
 * The URLs of `lib.js` and `valibot.js` beside the running bundle. `bundleUrl` is the `import.meta.url`
 * of a file that lives directly in dist/ (the CLI or action entry).
 */
export function defaultModuleUrls(bundleUrl: string = import.meta.url): ModuleUrls {
  return {
    'flue-action': new URL('./lib.js', bundleUrl).href,
    valibot: new URL('./valibot.js', bundleUrl).href,
  };
}

export interface NodeRuntime {
  /** `process.versions.node`, such as `20.20.2`. */
  version: string;
  /** `module.registerHooks` exists (Node >= 22.15). */
  hasRegisterHooks: boolean;
  /** `process.features.typescript`: `strip` or `transform` when Node runs .ts files itself. */
  typescript: string | false | undefined;
}

export function currentRuntime(): NodeRuntime {
  return {
    version: process.versions.node,
    hasRegisterHooks: typeof module.registerHooks === 'function',
    typescript: process.features.typescript,
  };
}

const TYPESCRIPT_EXTENSIONS = ['.ts', '.mts'];

/**
 * Whether this Node can load a code agent; if not, the problem and the fix for a one-line error.
 * Pure, so both answers are tested on any Node. Without `registerHooks` even a .mjs agent cannot
 * resolve `flue-action`; without type stripping a .ts agent cannot be parsed.
 */
export function codeAgentSupport(file: string, runtime: NodeRuntime): { problem: string; fix: string } | undefined {
  const isTypeScript = TYPESCRIPT_EXTENSIONS.some((extension) => file.endsWith(extension));
  if (!runtime.hasRegisterHooks) {
    return {
      problem: `${isTypeScript ? 'TypeScript agents' : 'code agents (.ts, .mts, .js, .mjs)'} need Node >= 22.18 (this is Node ${runtime.version})`,
      fix: 'Use Node 24 (actions/setup-node), or write the agent as .md',
    };
  }
  if (isTypeScript && !runtime.typescript) {
    return {
      problem: `TypeScript agents need Node >= 22.18 (this is Node ${runtime.version})`,
      fix: 'Use Node 24 (actions/setup-node), or write the agent as .md or .mjs',
    };
  }
  return undefined;
}

const targets = new Map<string, string>();
let registered = false;

/** file: URLs of the workspaces whose modules are tracked, each ending in `/`. */
const trackedRoots = new Set<string>();
/** Parent module URL to the URLs its imports resolved to, for the tracked modules. */
const imports = new Map<string, Set<string>>();
/** sha256 of the source Node loaded, by module URL, for the tracked modules. */
const loadedHashes = new Map<string, string>();

/** A module of a user's repository, not of its node_modules: a definition file, so its hash is recorded. */
const isTracked = (url: string): boolean =>
  url.startsWith('file:') && !url.includes('/node_modules/') && [...trackedRoots].some((root) => url.startsWith(root));

/**
 * Hooks are process-wide and cannot be removed, so they are registered once; later calls update the
 * targets. Besides redirecting the two bare imports, they note what each module of the workspace
 * imports and the hash of each one's source as Node loads it (see localImportHashes).
 */
export function registerAgentImports(urls: ModuleUrls, workspace?: string): void {
  targets.set('flue-action', urls['flue-action']);
  targets.set('valibot', urls.valibot);
  if (workspace !== undefined) trackedRoots.add(`${pathToFileURL(workspace).href}/`);
  if (registered) return;
  module.registerHooks({
    resolve(specifier, context, nextResolve) {
      const target = targets.get(specifier);
      // A package the user installed keeps its own dependencies; only the user's own files are redirected.
      const fromDependency = context.parentURL?.includes('/node_modules/') ?? false;
      if (target !== undefined && !fromDependency) return { url: target, shortCircuit: true };
      const resolved = nextResolve(specifier, context);
      const parent = context.parentURL;
      if (parent !== undefined && isTracked(parent)) {
        if (!imports.has(parent)) imports.set(parent, new Set());
        imports.get(parent)!.add(resolved.url);
      }
      // A .ts file of the workspace under a package.json without "type" (most repositories): Node would
      // try it as CommonJS, find `import`, parse it again as a module and warn on stderr at every run.
      // An agent is a module (it has `export default`), and so are the files it imports.
      if (resolved.format == null && resolved.url.endsWith('.ts') && isTracked(resolved.url)) {
        return { ...resolved, format: 'module-typescript' };
      }
      return resolved;
    },
    load(url, context, nextLoad) {
      const loaded = nextLoad(url, context);
      const source = loaded.source;
      if (isTracked(url) && source !== undefined && source !== null) {
        const bytes = typeof source === 'string' ? Buffer.from(source, 'utf8') : new Uint8Array(source as ArrayBufferLike);
        loadedHashes.set(url, createHash('sha256').update(bytes).digest('hex'));
      }
      return loaded;
    },
  });
  registered = true;
}

/**
 * The workspace files an agent module imports, directly or through each other (not node_modules,
 * not the runner's own modules), absolute path to the sha256 of the source Node loaded. Modules stay
 * cached for the process, so the import graph noted at their first load answers later calls too.
 */
export function localImportHashes(agentPath: string): Map<string, string> {
  const start = pathToFileURL(agentPath).href;
  const found = new Map<string, string>();
  const seen = new Set<string>([start]);
  const queue = [start];
  while (queue.length > 0) {
    for (const url of imports.get(queue.pop()!) ?? []) {
      if (seen.has(url) || !isTracked(url)) continue;
      seen.add(url);
      queue.push(url);
      const hash = loadedHashes.get(url);
      if (hash !== undefined) found.set(fileURLToPath(url), hash);
    }
  }
  return found;
}

/**
 * Imports a user's agent module through Node's own loader. This is the one dynamic import in the
 * code base: the file is user code found at run time. Call codeAgentSupport first.
 */
export async function importAgentModule(absolutePath: string, urls: ModuleUrls, workspace?: string): Promise<Record<string, unknown>> {
  registerAgentImports(urls, workspace);
  const imported: unknown = await import(/* webpackIgnore: true */ pathToFileURL(absolutePath).href);
  return imported as Record<string, unknown>;
}
