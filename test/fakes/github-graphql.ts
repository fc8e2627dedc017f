/**
 * The GraphQL endpoint of the fake GitHub (POST /graphql), for the operations the runner sends:
 * `viewer { login }` (who the token writes as), and a discussion's comments (discussions have no REST
 * comments): `addDiscussionComment`, `updateDiscussionComment`, and listing them through `node`. Like
 * GitHub, an unknown node or query is an HTTP 200 whose body carries `errors`.
 */
import type { FakeContext, Json } from './github-repo.js';
import type { RouteResponse } from './github-routes.js';

export class FakeGraphQL {
  /** Comments posted on each discussion, by the discussion's node id. */
  readonly discussions = new Map<string, { number: number; url: string; comments: Json[] }>();

  constructor(private readonly context: FakeContext) {}

  /** A discussion GraphQL can comment on; `url` is its page (a webhook payload's `discussion.html_url`). */
  discussion(nodeId: string, number: number, url: string): void {
    if (!this.discussions.has(nodeId)) this.discussions.set(nodeId, { number, url, comments: [] });
  }

  answer(body: unknown): RouteResponse {
    const query = typeof field(body, 'query') === 'string' ? (field(body, 'query') as string) : '';
    const variables = field(body, 'variables');
    if (/\bviewer\s*\{\s*login\s*\}/.test(query)) return ok({ viewer: { login: this.context.actor.login } });
    if (query.includes('updateDiscussionComment')) return this.updateComment(String(field(variables, 'commentId')), field(variables, 'body'));
    if (/\bnode\s*\(/.test(query) && query.includes('comments')) {
      const discussion = this.discussions.get(String(field(variables, 'discussionId')));
      return ok({ node: discussion ? { comments: { nodes: discussion.comments.slice(-100) } } : null });
    }
    if (query.includes('addDiscussionComment')) {
      const id = String(field(variables, 'discussionId'));
      const discussion = this.discussions.get(id);
      if (!discussion) return failed('NOT_FOUND', `Could not resolve to a node with the global id of '${id}'`);
      const commentId = this.context.nextId();
      const comment: Json = {
        id: `DC_${commentId}`,
        body: field(variables, 'body'),
        author: { login: this.context.actor.login },
        url: `${discussion.url}#discussioncomment-${commentId}`,
      };
      discussion.comments.push(comment);
      return ok({ addDiscussionComment: { comment: { url: comment.url } } });
    }
    return failed('UNSUPPORTED', `the fake GitHub does not answer this query: ${query.slice(0, 80)}`);
  }

  /** A comment already on the discussion (`author` another login than the token's: a stranger's, say). */
  comment(nodeId: string, body: string, author: string): Json {
    const discussion = this.discussions.get(nodeId);
    if (!discussion) throw new Error(`fake GitHub: no discussion ${nodeId}; seed it first`);
    const id = this.context.nextId();
    const comment: Json = { id: `DC_${id}`, body, author: { login: author }, url: `${discussion.url}#discussioncomment-${id}` };
    discussion.comments.push(comment);
    return comment;
  }

  private updateComment(id: string, body: unknown): RouteResponse {
    for (const discussion of this.discussions.values()) {
      const comment = discussion.comments.find((entry) => entry.id === id);
      if (!comment) continue;
      // Not checked against the author: a token with `discussions: write` edits anyone's comment, as a maintainer can.
      comment.body = body;
      return ok({ updateDiscussionComment: { comment: { url: comment.url } } });
    }
    return failed('NOT_FOUND', `Could not resolve to a node with the global id of '${id}'`);
  }
}

function ok(data: Json): RouteResponse {
  return { status: 200, body: { data } };
}

function failed(type: string, message: string): RouteResponse {
  return { status: 200, body: { data: null, errors: [{ type, message, locations: [{ line: 1, column: 1 }] }] } };
}

function field(value: unknown, name: string): unknown {
  return value !== null && typeof value === 'object' && Object.hasOwn(value, name) ? (value as Json)[name] : undefined;
}
