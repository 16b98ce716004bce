// Public surface of the fake Discord used by e2e tests and benchmarks.
export { startFakeDiscord, MessageExchange } from './server.ts';
export type { FakeDiscord, FakeDiscordOptions, CommandInvoker, SendMessageOptions } from './server.ts';
export { InteractionExchange, CALLBACK_TYPE, hasFinalReply } from './exchange.ts';
export type { CallbackEvent, EditEvent, FollowupEvent, DeleteEvent, RejectedEvent, ExchangeEvent, UploadedFile } from './exchange.ts';
export { LIMITS, checkMessageBody, checkAutocompleteChoices, charCount } from './limits.ts';
export type { LimitProblem } from './limits.ts';
export { makeUser, messageText, PERMISSION, MEMBER_PERMISSIONS, BOT_PERMISSIONS, INTERACTION_TYPE, OPTION_TYPE } from './payloads.ts';
export type { FakeUser, FakeGuild, FakeGuildSpec, Invoker, InteractionPayload, OptionValues, Json } from './payloads.ts';
export type { RouteName, RouteMatcher, Fault, FaultOptions } from './rest.ts';
export type { RecordedRequest, Violation } from './state.ts';
export { snowflake } from './snowflake.ts';
