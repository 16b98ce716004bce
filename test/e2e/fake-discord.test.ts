// Proves the fake Discord against the real discord.js client, with no bot code:
// login, interactions of each kind, reply limits, gateway faults and REST faults.
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ActionRowBuilder,
  AttachmentBuilder,
  HTTPError,
  ButtonBuilder,
  ButtonStyle,
  Client,
  DiscordAPIError,
  EmbedBuilder,
  Events,
  GatewayIntentBits,
  Routes,
  type ClientOptions,
  type Interaction,
} from 'discord.js';
import {
  CALLBACK_TYPE,
  OPTION_TYPE,
  PERMISSION,
  snowflakeOnShard,
  startFakeDiscord,
  type FakeDiscord,
  type FakeDiscordOptions,
} from '../fake-discord/index.ts';

const TOKEN = 'fake-bot-token';
let discord: FakeDiscord | undefined;
let client: Client | undefined;

afterEach(async () => {
  await client?.destroy();
  await discord?.close();
  client = undefined;
  discord = undefined;
});

async function start(options: FakeDiscordOptions = {}, clientOptions: Partial<ClientOptions> = {}): Promise<{ discord: FakeDiscord; client: Client }> {
  discord = await startFakeDiscord({ token: TOKEN, ...options });
  client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: discord.apiBase, globalRequestsPerSecond: 10_000 },
    allowedMentions: { parse: [], repliedUser: false },
    ...clientOptions,
  });
  const ready = once(client, Events.ClientReady);
  await client.login(TOKEN);
  await ready;
  return { discord, client };
}

/** Runs a handler for every interaction and keeps its errors, which would otherwise vanish as unhandled rejections. */
function handle(c: Client, handler: (interaction: Interaction) => Promise<unknown>): unknown[] {
  const errors: unknown[] = [];
  c.on(Events.InteractionCreate, (interaction) => {
    handler(interaction).catch((error: unknown) => errors.push(error));
  });
  return errors;
}

describe('fake Discord with a raw discord.js client', () => {
  it('logs in: the guild and its channel are cached when ready fires', async () => {
    const { discord, client } = await start();
    const guild = client.guilds.cache.get(discord.guild.id);
    expect(guild?.name).toBe(discord.guild.name);
    expect(guild?.channels.cache.get(discord.channelId)?.name).toBe('general');
    expect(client.user?.id).toBe(discord.botUser.id);
    expect(discord.gateway.identifies).toHaveLength(1);
    expect(discord.gateway.identifies[0]?.intents).toBe(GatewayIntentBits.Guilds);
    expect(discord.unknownRoutes).toEqual([]);
  });

  it('refuses a wrong token with 401 on REST, before any IDENTIFY, as Discord does', async () => {
    discord = await startFakeDiscord({ token: TOKEN });
    client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: discord.apiBase } });
    await expect(client.login('wrong-token')).rejects.toThrow();
    expect(discord.requests.map((r) => [r.route, r.status])).toEqual([['getGatewayBot', 401]]);
    expect(discord.gateway.identifies).toEqual([]);
  });

  it('delivers a slash command with options; deferReply then editReply arrive', async () => {
    const { discord, client } = await start();
    const seen: { query: string | null; limit: number | null; canManage: boolean }[] = [];
    const errors = handle(client, async (i) => {
      if (!i.isChatInputCommand()) return;
      seen.push({
        query: i.options.getString('query'),
        limit: i.options.getInteger('limit'),
        canManage: i.memberPermissions?.has(PERMISSION.ManageGuild) ?? false,
      });
      await i.deferReply();
      await i.editReply({ content: `results for ${i.options.getString('query')}` });
    });
    const exchange = await discord.sendInteraction(discord.slashCommand('search', { query: '上海', limit: 3 }, { permissions: PERMISSION.ManageGuild }));
    await exchange.waitForFinal();
    expect(seen).toEqual([{ query: '上海', limit: 3, canManage: true }]);
    expect(exchange.callback?.type).toBe(CALLBACK_TYPE.DeferredChannelMessageWithSource);
    expect(exchange.events.map((e) => e.kind)).toEqual(['callback', 'edit']);
    expect(exchange.original?.content).toBe('results for 上海');
    expect(discord.requests.find((r) => r.route === 'webhookEditMessage')?.params.message).toBe('@original');
    expect(errors).toEqual([]);
    expect(discord.violations).toEqual([]);
  });

  it('delivers a reply with an embed, and ordinary members lack ManageGuild', async () => {
    const { discord, client } = await start();
    const canManage: boolean[] = [];
    handle(client, async (i) => {
      if (!i.isChatInputCommand()) return;
      canManage.push(i.memberPermissions?.has(PERMISSION.ManageGuild) ?? true);
      await i.reply({ embeds: [new EmbedBuilder().setTitle('上海新闻').setDescription('三篇文章').addFields({ name: '来源', value: '新华社' })] });
    });
    const exchange = await discord.sendInteraction(discord.slashCommand('stats'));
    await exchange.waitForFinal();
    expect(exchange.callback?.type).toBe(CALLBACK_TYPE.ChannelMessageWithSource);
    expect(exchange.text).toBe('上海新闻\n三篇文章\n来源\n新华社');
    expect(canManage).toEqual([false]);
    expect(discord.violations).toEqual([]);
  });

  it('flags replies that break Discord limits or may ping', async () => {
    const { discord, client } = await start({}, { allowedMentions: undefined });
    handle(client, async (i) => {
      if (i.isChatInputCommand()) await i.reply({ content: '长'.repeat(2001) });
    });
    const exchange = await discord.sendInteraction(discord.slashCommand('long'));
    await exchange.waitForFinal();
    expect(discord.violations.map((v) => v.rule).sort()).toEqual(['allowed-mentions-missing', 'content-length']);
    expect(discord.violations[0]?.source).toBe(`interaction ${exchange.id}`);
  });

  it('registers commands, builds options with the declared types, and answers autocomplete', async () => {
    const { discord, client } = await start();
    await client.application!.commands.set([
      {
        name: 'search',
        description: 'search',
        options: [
          { name: 'query', description: 'q', type: OPTION_TYPE.String, autocomplete: true },
          { name: 'limit', description: 'n', type: OPTION_TYPE.Number },
        ],
      },
    ]);
    expect(discord.registeredCommands.map((c) => c.name)).toEqual(['search']);
    const focused: unknown[] = [];
    handle(client, async (i) => {
      if (!i.isAutocomplete()) return;
      focused.push(i.options.getFocused(true));
      await i.respond([
        { name: '上海 (3)', value: '上海' },
        { name: '上海市 (1)', value: '上海市' },
      ]);
    });
    const payload = discord.autocomplete('search', { query: '上', limit: 3 }, 'query');
    expect((payload.data.options as { name: string; type: number }[]).find((o) => o.name === 'limit')?.type).toBe(OPTION_TYPE.Number);
    expect(payload.data.id).toBe(discord.registeredCommands[0]?.id);
    const exchange = await discord.sendInteraction(payload);
    await exchange.firstResponse();
    expect(focused).toEqual([expect.objectContaining({ name: 'query', value: '上' })]);
    expect(exchange.choices).toEqual([
      { name: '上海 (3)', value: '上海' },
      { name: '上海市 (1)', value: '上海市' },
    ]);
    expect(discord.violations).toEqual([]);
  });

  it('flags more than 25 autocomplete choices', async () => {
    const { discord, client } = await start();
    handle(client, async (i) => {
      // Bypass discord.js's own builder checks by responding with raw data, as a bot bug would.
      if (i.isAutocomplete()) await i.respond(Array.from({ length: 26 }, (_, n) => ({ name: `c${n}`, value: `v${n}` })));
    });
    await (await discord.sendInteraction(discord.autocomplete('search', { query: 'x' }, 'query'))).firstResponse();
    expect(discord.violations.map((v) => v.rule)).toEqual(['autocomplete-count']);
  });

  it('delivers a button press on a reply the bot made, and the update arrives', async () => {
    const { discord, client } = await start();
    const pressed: { customId: string; messageId: string }[] = [];
    handle(client, async (i) => {
      if (i.isChatInputCommand()) {
        const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
          new ButtonBuilder().setCustomId('page:2').setLabel('下一页').setStyle(ButtonStyle.Primary),
        );
        await i.reply({ content: 'page 1', components: [row] });
      } else if (i.isButton()) {
        pressed.push({ customId: i.customId, messageId: i.message.id });
        await i.update({ content: 'page 2', components: [] });
      }
    });
    const command = await discord.sendInteraction(discord.slashCommand('search', { query: '北京' }));
    await command.waitForFinal();
    const messageId = String(command.original?.id);
    const button = await discord.sendInteraction(discord.buttonPress('page:2', messageId));
    await button.waitForFinal();
    expect(pressed).toEqual([{ customId: 'page:2', messageId }]);
    expect(button.callback?.type).toBe(CALLBACK_TYPE.UpdateMessage);
    expect(button.original).toMatchObject({ id: messageId, content: 'page 2', components: [] });
    expect(discord.violations).toEqual([]);
  });

  it('answers a second callback with 400 "already acknowledged" and records it', async () => {
    const { discord, client } = await start();
    const results: PromiseSettledResult<unknown>[] = [];
    handle(client, async (i) => {
      // Both calls pass discord.js's own replied check before either request returns.
      if (i.isChatInputCommand()) results.push(...(await Promise.allSettled([i.reply('one'), i.reply('two')])));
    });
    const exchange = await discord.sendInteraction(discord.slashCommand('twice'));
    await discord.waitFor(() => results.length === 2, 5_000, 'both replies to settle');
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect((rejected?.reason as DiscordAPIError).code).toBe(40060);
    expect(exchange.events.map((e) => e.kind)).toEqual(['callback', 'rejected']);
    expect(discord.violations.map((v) => v.rule)).toEqual(['double-callback']);
  });

  it('answers a callback after the deadline with "Unknown interaction" and records it', async () => {
    const { discord, client } = await start({ callbackDeadlineMs: 100 });
    const errors = handle(client, async (i) => {
      await new Promise((resolve) => setTimeout(resolve, 250));
      if (i.isChatInputCommand()) await i.reply('too late');
    });
    const exchange = await discord.sendInteraction(discord.slashCommand('slow'));
    await discord.waitFor(() => errors.length > 0, 5_000, 'the late reply to fail');
    expect((errors[0] as DiscordAPIError).code).toBe(10062);
    expect(exchange.callback).toBeUndefined();
    expect(discord.violations.map((v) => v.rule)).toEqual(['late-callback']);
  });

  it('records webhook calls with an unknown token', async () => {
    const { discord, client } = await start();
    const call = client.rest.patch(Routes.webhookMessage(discord.applicationId, 'not-a-token', '@original'), { body: { content: 'x' }, auth: false });
    await expect(call).rejects.toMatchObject({ code: 10015 });
    expect(discord.violations.map((v) => v.rule)).toEqual(['unknown-token']);
  });

  it('delivers a mention with its content, blanks other messages without MessageContent, and captures the reply', async () => {
    const { discord, client } = await start({}, { intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages] });
    const contents: string[] = [];
    client.on(Events.MessageCreate, (message) => {
      contents.push(message.content);
      if (message.mentions.users.has(client.user!.id)) void message.reply({ content: '你好', allowedMentions: { parse: [], repliedUser: false } });
    });
    discord.sendMessage({ content: 'not for the bot' });
    const asked = discord.sendMessage({ content: `${discord.mention} 上海有什么新闻？` });
    const reply = await asked.waitForReply();
    expect(reply.content).toBe('你好');
    expect(reply.message_reference).toMatchObject({ message_id: asked.message.id });
    expect(contents).toEqual(['', `${discord.mention} 上海有什么新闻？`]);
    expect(discord.violations).toEqual([]);
  });

  it('resumes after gateway close 4000 and op 7, replaying interactions sent while disconnected', async () => {
    const { discord, client } = await start();
    handle(client, async (i) => {
      if (i.isChatInputCommand()) await i.reply(`pong ${i.options.getString('n')}`);
    });
    discord.faults.closeGateway(4000);
    const whileClosed = await discord.sendInteraction(discord.slashCommand('ping', { n: 'a' }));
    await whileClosed.waitForFinal();
    discord.faults.sendReconnect();
    // Dispatch once the client has dropped the old socket, so the event must come by replay.
    await discord.waitFor(() => !discord.gateway.live, 2_000, 'the client to close after op 7');
    const whileReconnecting = await discord.sendInteraction(discord.slashCommand('ping', { n: 'b' }));
    await whileReconnecting.waitForFinal();
    await discord.waitForResume(2);
    expect([whileClosed.original?.content, whileReconnecting.original?.content]).toEqual(['pong a', 'pong b']);
    expect(discord.gateway.identifies).toHaveLength(1);
    expect(discord.gateway.resumes.map((r) => r.replayed)).toEqual([1, 1]);
    expect(discord.violations).toEqual([]);
  });

  it('retries after a 429 on the callback and on the webhook edit', async () => {
    const { discord, client } = await start();
    handle(client, async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.deferReply();
      await i.editReply('done');
    });
    const onCallback = discord.faults.failNext('interactionCallback', 429, { retryAfter: 0.2 });
    const onEdit = discord.faults.failNext('webhookEditMessage', 429, { retryAfter: 0.2 });
    const exchange = await discord.sendInteraction(discord.slashCommand('search', { query: 'x' }));
    await exchange.waitForFinal();
    expect(exchange.original?.content).toBe('done');
    expect([onCallback.hits, onEdit.hits]).toEqual([1, 1]);
    const calls = discord.requests.filter((r) => r.route === 'interactionCallback' || r.route === 'webhookEditMessage');
    expect(calls.map((r) => `${r.route} ${r.status}`)).toEqual([
      'interactionCallback 429',
      'interactionCallback 204',
      'webhookEditMessage 429',
      'webhookEditMessage 200',
    ]);
    // The retry honours retry-after (0.2 s) before trying again.
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(190);
    expect(discord.violations).toEqual([]);
  });

  it('retries a single 500 on the callback', async () => {
    const { discord, client } = await start();
    handle(client, async (i) => {
      if (i.isChatInputCommand()) await i.reply('ok');
    });
    const fault = discord.faults.failNext('interactionCallback', 500);
    const exchange = await discord.sendInteraction(discord.slashCommand('search', { query: 'x' }));
    await exchange.waitForFinal();
    expect(exchange.original?.content).toBe('ok');
    expect(fault.hits).toBe(1);
    expect(discord.requests.filter((r) => r.route === 'interactionCallback').map((r) => r.status)).toEqual([500, 204]);
  });

  it('gives up with HTTPError after four 500s in a row', async () => {
    const { discord, client } = await start();
    const errors = handle(client, async (i) => {
      if (i.isChatInputCommand()) await i.reply('never lands');
    });
    const fault = discord.faults.failNext('interactionCallback', 500, { times: 4 });
    const exchange = await discord.sendInteraction(discord.slashCommand('search', { query: 'x' }));
    await discord.waitFor(() => errors.length > 0, 5_000, 'the reply to fail');
    expect(errors[0]).toBeInstanceOf(HTTPError);
    expect(fault.hits).toBe(4);
    expect(exchange.callback).toBeUndefined();
  });

  it('fills the "thinking…" message with the first follow-up after a defer, as Discord does', async () => {
    const { discord, client } = await start();
    handle(client, async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.deferReply();
      await i.followUp('first');
      await i.followUp('second');
    });
    const exchange = await discord.sendInteraction(discord.slashCommand('search', { query: 'x' }));
    await exchange.waitForFinal((e) => e.followups.length === 1);
    expect(exchange.original?.content).toBe('first');
    expect(exchange.followups.map((m) => m.content)).toEqual(['second']);
    expect(discord.violations).toEqual([]);
  });

  it('receives attachments as multipart and answers withResponse with the message', async () => {
    const { discord, client } = await start();
    const returned: (string | undefined)[] = [];
    handle(client, async (i) => {
      if (!i.isChatInputCommand()) return;
      const response = await i.reply({ content: '附件', files: [new AttachmentBuilder(Buffer.from('正文'), { name: 'article.txt' })], withResponse: true });
      returned.push(response.resource?.message?.content);
    });
    const exchange = await discord.sendInteraction(discord.slashCommand('export'));
    await exchange.waitForFinal();
    await discord.waitFor(() => returned.length === 1, 2_000, 'the reply call to return');
    expect(exchange.files).toEqual([expect.objectContaining({ name: 'article.txt', size: Buffer.byteLength('正文') })]);
    expect(returned).toEqual(['附件']);
    expect(discord.requests.find((r) => r.route === 'interactionCallback')?.query.with_response).toBe('true');
    expect(discord.violations).toEqual([]);
  });

  it('acknowledges heartbeats, keeping the client connected', async () => {
    const { discord } = await start({ heartbeatIntervalMs: 50 });
    await discord.waitFor(() => discord.gateway.heartbeats >= 4, 3_000, 'four heartbeats');
    expect(discord.gateway.live).toBe(true);
    expect(discord.gateway.connectionCount).toBe(1);
  });
});

describe('fake Discord with three shards', () => {
  const guildSpecs = [0, 1, 2].map((shard) => ({ id: snowflakeOnShard(shard, 3), name: `guild on shard ${shard}` }));

  it('recommends three shards; each IDENTIFY gets its own session, READY and guilds', async () => {
    const { discord, client } = await start({ shards: 3, maxConcurrency: 3, guilds: guildSpecs }, { shards: 'auto' });
    expect(client.options.shardCount).toBe(3);
    expect(discord.gateway.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 3],
      [1, 3],
      [2, 3],
    ]);
    expect(new Set([0, 1, 2].map((shard) => discord.gateway.sessionOf(shard))).size).toBe(3);
    for (const [shard, spec] of guildSpecs.entries()) {
      expect(discord.shardOf(spec.id)).toBe(shard);
      expect(client.guilds.cache.get(spec.id)?.shardId).toBe(shard);
    }
  });

  it("sends a guild's interactions on its shard's socket only", async () => {
    const { discord, client } = await start({ shards: 3, maxConcurrency: 3, guilds: guildSpecs }, { shards: 'auto' });
    handle(client, async (i) => {
      if (i.isChatInputCommand()) await i.reply(`shard ${i.guild?.shardId}`);
    });
    const exchanges = await Promise.all(guildSpecs.map((g) => discord.sendInteraction(discord.slashCommand('ping', {}, { guildId: g.id }))));
    await Promise.all(exchanges.map((e) => e.waitForFinal()));
    expect(exchanges.map((e) => e.original?.content)).toEqual(['shard 0', 'shard 1', 'shard 2']);
    // A closed shard queues its guild's interactions for RESUME; the other shards keep answering.
    discord.faults.closeGateway(4000, 1);
    const others = await discord.sendInteraction(discord.slashCommand('ping', {}, { guildId: guildSpecs[2]!.id }));
    const queued = await discord.sendInteraction(discord.slashCommand('ping', {}, { guildId: guildSpecs[1]!.id }));
    await Promise.all([others.waitForFinal(), queued.waitForFinal()]);
    expect(discord.gateway.resumes.filter((r) => r.accepted).map((r) => r.shard)).toEqual([1]);
    expect([others.original?.content, queued.original?.content]).toEqual(['shard 2', 'shard 1']);
    expect(discord.violations).toEqual([]);
  });

  it('closes an IDENTIFY for a shard outside its count with 4010', async () => {
    discord = await startFakeDiscord({ token: TOKEN });
    client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: discord.apiBase }, shards: [3], shardCount: 3 });
    await expect(client.login(TOKEN)).rejects.toThrow();
    expect(discord.gateway.identifies[0]?.shard).toEqual([3, 3]);
  });
});
