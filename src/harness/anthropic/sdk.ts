// The parts of @anthropic-ai/sdk the runner uses, by their module paths: the client's base class, the
// one resource it calls and the errors it tells apart. The package's entry (`Anthropic`) wires up every
// resource (beta, files, skills, organization…), some 800 KB of source that ncc would bundle and every
// run would load before its first request. The SDK's modules are side-effect free, so the rest is left
// out. The only file of src/ that imports the SDK's code (its types are imported where they are used).
export { BaseAnthropic } from '@anthropic-ai/sdk/client';
export { AnthropicError, APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from '@anthropic-ai/sdk/core/error';
export { Messages } from '@anthropic-ai/sdk/resources/messages/messages';
