/** The file in dist/ that lists what the npm package leaves out. */
export const NPM_IGNORE_FILE: string;
/** The files of `dist` (names relative to it, sorted) that only the GitHub Action loads. */
export function actionOnlyFiles(dist: string): string[];
/** Writes `dist`/.npmignore listing actionOnlyFiles(dist), and returns them. */
export function writeNpmIgnore(dist: string): string[];
