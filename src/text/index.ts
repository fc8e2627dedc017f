/**
 * The text toolkit every stage and host may use: one-line formatting, truncation that never splits
 * a character, plurals. It imports nothing from the rest of the runner.
 */
export { boundaryAtOrAfter, boundaryAtOrBefore, utf8BoundaryAtOrAfter, utf8BoundaryAtOrBefore } from './boundaries.js';
export { oneLine } from './one-line.js';
export { plural } from './plural.js';
export { keepEnd, keepStart, truncate } from './truncate.js';
export type { CutNote } from './truncate.js';
