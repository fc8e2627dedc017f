/** The file in dist/ that holds the hash. */
export const BUILD_INPUTS_FILE: string;
/** sha256 (hex) over the build's inputs under `root`: src/, package-lock.json, tsconfig.json, scripts/build.mjs, scripts/npm-files.mjs. */
export function buildInputsHash(root: string): string;
