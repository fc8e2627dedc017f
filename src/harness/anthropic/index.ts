/**
 * The Anthropic Messages API as the harness's `ModelClient`, and the transport under it.
 *
 * Everything here runs before the first model request of every run, and the time to that request is a
 * headline figure (bench/README.md), so the folder is shaped by start-up:
 *
 * - client.ts: `AnthropicModelClient`, one streamed request per turn; never throws, every failure
 *   becomes a ModelOutcome error that names the endpoint or what broke. It owns the retries (the
 *   SDK's are off), so failures before and inside a stream share one backoff and one time budget.
 * - sdk.ts: the SDK's base client, the `messages` resource and its errors, by their module paths. The
 *   package's entry would bring every resource into the bundle and into start-up.
 * - node-fetch.ts: the `fetch` the SDK calls, over node:http and node:https rather than undici's fetch
 *   (about a millisecond less per turn), with the stream idle time-out (`idleFetch`). node:https
 *   loads at the first https request.
 *
 * The rest of the start-up path follows the same rule: what a run may not need is imported dynamically,
 * where it is needed (just-bash at the first shell or write call, the Actions artifact client at upload,
 * publishing and the report at the end of a run). test/build/start-up.test.ts holds the line: it runs
 * the built CLI and action against a fake of this API and fails when the JavaScript loaded before the
 * first request grows past its budget, when just-bash or the artifact client is part of it, or when
 * node:https loads for a plain-http endpoint.
 */
export { AnthropicModelClient, type AnthropicClientOptions } from './client.js';
