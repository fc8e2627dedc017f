/** The runner's version, in every session log header. A test keeps it equal to package.json's. */
export const RUNNER_VERSION = '0.1.0';
