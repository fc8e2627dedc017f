export { triggerFromGitHubEvent, parseRepository, type GitHubTriggerOptions } from './github.js';
export { inferGitHubEventName } from './infer.js';
// GitLab's readers are imported from './gitlab.js' by the GitLab front end alone: a GitHub job or a local
// run never loads them (start-up bytes are a headline figure).
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
