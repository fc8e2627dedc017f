export { triggerFromGitHubEvent, parseRepository, type GitHubTriggerOptions } from './github.js';
export { inferGitHubEventName } from './infer.js';
export {
  readGitLabTrigger,
  verifyGitLabPayloadTrigger,
  isGitLabPayloadTrigger,
  mergeRequestFields,
  isGitLabBot,
  UnsupportedGitLabEventError,
  type GitLabRecords,
  type GitLabTriggerOptions,
} from './gitlab.js';
export { triggerFromInput, LOCAL_ACTOR } from './input.js';
export {
  renderTriggerContext,
  renderRunPrompt,
  DEFAULT_PROMPT,
  type TriggerContextExtras,
  type ThreadComment,
  type ChangedFile,
  type RenderOptions,
} from './prompt.js';
export type { Trigger, TriggerKind, TriggerComment, TriggerRefs, Trust, Access } from './types.js';
