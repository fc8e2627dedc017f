/** The model an agent runs on when it names none: a balance of quality and price for CI work. */
export const DEFAULT_MODEL = 'claude-sonnet-4-6';

export type ModelIdResult = { ok: true; model: string } | { ok: false; problem: string };

const CLAUDE_ID = /^claude-[A-Za-z0-9._@:-]+$/;

/**
 * `anthropic/claude-sonnet-4-6` or `claude-sonnet-4-6` to `claude-sonnet-4-6`. Any other provider is
 * refused by name: the harness speaks only the Anthropic Messages API.
 */
export function parseModelId(given: string): ModelIdResult {
  const trimmed = given.trim();
  const slash = trimmed.indexOf('/');
  if (slash !== -1) {
    const provider = trimmed.slice(0, slash);
    if (provider.toLowerCase() !== 'anthropic') {
      return {
        ok: false,
        problem: `provider ${JSON.stringify(provider)} is not supported (got ${JSON.stringify(given)})`,
      };
    }
  }
  const id = trimmed.slice(slash + 1);
  if (!CLAUDE_ID.test(id)) return { ok: false, problem: `${JSON.stringify(given)} is not an Anthropic model id` };
  return { ok: true, model: id };
}
