// Public surface of the fake Discord used by e2e tests and benchmarks.
//
//   const discord = await startFakeDiscord();
//   const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: discord.apiBase, globalRequestsPerSecond: 10_000 } });
//   await client.login('any-token');                    // wait for Events.ClientReady too
//   const exchange = await discord.sendInteraction(discord.slashCommand('search', { query: '上海' }));
//   await exchange.waitForFinal();                      // callback, plus an edit/follow-up after a defer
//   expect(exchange.text).toContain('上海');
//   expect(discord.violations).toEqual([]);             // Discord limits, pings, late or double callbacks
//   await client.destroy(); await discord.close();
//
// Shards: startFakeDiscord({ shards: 3, maxConcurrency: 3, guilds }) recommends 3 shards; each
// IDENTIFY's [i, N] gets its own session, and a guild's events go to shard (id >> 22) % N only
// (snowflakeOnShard makes guild ids for a chosen shard; slashCommand(..., { guildId }) picks one).
export { startFakeDiscord, MessageExchange } from './server.ts';
export type { FakeDiscord, FakeDiscordOptions, CommandInvoker, GuildInvoker, SendMessageOptions } from './server.ts';
export { shardOfGuild } from './gateway.ts';
export { InteractionExchange, CALLBACK_TYPE, hasFinalReply } from './exchange.ts';
export type { CallbackEvent, EditEvent, FollowupEvent, DeleteEvent, RejectedEvent, ExchangeEvent, UploadedFile } from './exchange.ts';
export { LIMITS, checkMessageBody, checkAutocompleteChoices, charCount } from './limits.ts';
export type { LimitProblem } from './limits.ts';
export { makeUser, messageText, PERMISSION, MEMBER_PERMISSIONS, BOT_PERMISSIONS, INTERACTION_TYPE, OPTION_TYPE } from './payloads.ts';
export type { FakeUser, FakeGuild, FakeGuildSpec, Invoker, InteractionPayload, OptionValues, Json } from './payloads.ts';
export type { RouteName, RouteMatcher, Fault, FaultOptions } from './rest.ts';
export type { RecordedRequest, Violation } from './state.ts';
export { snowflake, snowflakeOnShard } from './snowflake.ts';
