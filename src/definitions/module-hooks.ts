import module from 'node:module';
import { pathToFileURL } from 'node:url';

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

/** Hooks are process-wide and cannot be removed, so they are registered once; later calls update the targets. */
export function registerAgentImports(urls: ModuleUrls): void {
  targets.set('flue-action', urls['flue-action']);
  targets.set('valibot', urls.valibot);
  if (registered) return;
  module.registerHooks({
    resolve(specifier, context, nextResolve) {
      const target = targets.get(specifier);
      // A package the user installed keeps its own dependencies; only the user's own files are redirected.
      const fromDependency = context.parentURL?.includes('/node_modules/') ?? false;
      if (target !== undefined && !fromDependency) return { url: target, shortCircuit: true };
      return nextResolve(specifier, context);
    },
  });
  registered = true;
}

/**
 * Imports a user's agent module through Node's own loader. This is the one dynamic import in the
 * code base: the file is user code found at run time. Call codeAgentSupport first.
 */
export async function importAgentModule(absolutePath: string, urls: ModuleUrls): Promise<Record<string, unknown>> {
  registerAgentImports(urls);
  const imported: unknown = await import(/* webpackIgnore: true */ pathToFileURL(absolutePath).href);
  return imported as Record<string, unknown>;
}
