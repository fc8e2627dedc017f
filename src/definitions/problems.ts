/** A problem that did not stop loading, about one file. `message` does not repeat the file. */
export interface DefinitionWarning {
  file: string;
  message: string;
}

/** One line, as AgentSpec.warnings and the CLI show it. */
export const formatWarning = (warning: DefinitionWarning): string => `${warning.file}: ${warning.message}`;
