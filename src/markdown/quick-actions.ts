/**
 * GitLab quick actions, neutralized. GitLab runs a note's `/close`, `/approve`, `/merge`, `/label ~x`,
 * `/assign @me` as commands when its author may, and the runner's token may do a lot: a model that read a
 * stranger's issue must not be able to merge by writing `/merge` on a line of its own.
 *
 * GitLab finds commands with a line pattern over the raw text, not with a markdown parse
 * (`Gitlab::QuickActions::Extractor`): after deleting every `\r`, a line whose first column is `/` and a
 * command name. It skips some blocks by patterns of its own (a ```` ``` ```` fence, an HTML block, a `>>>`
 * quote, lines between backticks), and those patterns are not CommonMark's: a `~~~` fence is code to a
 * markdown reader but not to the extractor, and its `/close` runs. Rather than re-create where its blocks
 * begin and end, every line that starts with `/` and a character that can begin a name gets one space in
 * front, inside code too: a paragraph renders the same (leading spaces are not shown), a code line shows
 * one more space, and the extractor matches none of them. Any name counts, not only those GitLab knows today.
 */

/** A line start (GitLab's: after `\n`), `/`, then something other than a space or another `/` (`//` comments stay). */
const COMMAND_LINE = /^\/(?=[^\s/])/gm;

/** `markdown` with every line GitLab could run as a quick action shifted one space to the right. */
export function neutralizeQuickActions(markdown: string): string {
  // GitLab deletes every `\r` before it looks, so `\r\n` and a lone `\r` must be seen as it sees them.
  return markdown.replaceAll('\r', '').replace(COMMAND_LINE, ' /');
}
