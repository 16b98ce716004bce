// /timeline through the fake Discord: the reply is a multipart message whose PNG is a real
// image of the size the embed says, with an embed within the limits, in the reader's language.
import { describe, expect, it } from 'vitest';
import { writeTimelineCorpus, TIMELINE_TOPIC, TOPIC_PER_MONTH, type TimelineCorpus } from '../../src/bench/timeline-corpus.ts';
import { TIMELINE_CHART_HEIGHT, TIMELINE_CHART_WIDTH } from '../../src/chart/timeline-chart.ts';
import { t } from '../../src/discord/i18n.ts';
import { CALLBACK_TYPE, type Json } from '../fake-discord/index.ts';
import { REPO } from '../helpers.ts';
import { embedsOf, isEphemeral, useHarness } from './helpers.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the IHDR chunk, which a valid PNG has first. */
function pngSize(data: Buffer): { width: number; height: number } {
  expect(data.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(data.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

let corpus: TimelineCorpus;
const h = useHarness(
  {
    tempCorpus: {
      prefix: 'timeline-e2e-',
      fill: async (dir) => {
        corpus = await writeTimelineCorpus(dir, REPO);
      },
    },
  },
  { unknownRoutes: true },
);

async function run(options: Record<string, string>, locale?: string) {
  const exchange = await h.discord.sendInteraction(h.discord.slashCommand('timeline', options, locale ? { locale } : {}));
  return exchange.waitForFinal();
}

describe('/timeline through the fake Discord', () => {
  it('answers within 3 s with a PNG of the size the embed shows, and an embed within the limits', async () => {
    const exchange = await run({ query: TIMELINE_TOPIC });
    expect(exchange.callback!.ms).toBeLessThan(3_000);
    expect(exchange.callback!.type).toBe(CALLBACK_TYPE.DeferredChannelMessageWithSource);
    // discord.js sent the edit as multipart: the PNG is a file part.
    expect(exchange.files).toHaveLength(1);
    const [file] = exchange.files;
    expect(file!.name).toBe('timeline.png');
    expect(file!.contentType).toBe('image/png');
    expect(pngSize(file!.data)).toEqual({ width: TIMELINE_CHART_WIDTH, height: TIMELINE_CHART_HEIGHT });
    const [embed] = embedsOf(exchange.original);
    expect((embed!.image as Json).url).toBe('attachment://timeline.png');
    // The about-articles are counted, the passing mentions and the yearless one are said apart.
    const about = TOPIC_PER_MONTH.reduce((a, b) => a + b, 0);
    expect(embed!.description).toContain(`${about} 篇`);
    expect(embed!.description).toContain(t('zh-CN', 'timeline.passing', { count: corpus.passing }));
    expect(embed!.description).toContain(t('zh-CN', 'timeline.yearless', { count: corpus.yearless }));
    expect(embed!.description).toContain(t('zh-CN', 'timeline.undated', { count: corpus.undated }));
    // The peak is mid-2020, named with its best article, linked or not, and a Discord date.
    const peaks = (embed!.fields as Json[]).find((f) => f.name === t('zh-CN', 'timeline.peaks'));
    expect(String(peaks!.value)).toContain('2020年6月');
    expect(String(peaks!.value)).toMatch(/<t:\d+:D>/);
    // The alt text goes with the attachment; the console's text chart does not.
    const attachments = exchange.original!.attachments as Json[];
    expect(String(attachments[0]!.description)).toContain(TIMELINE_TOPIC);
    expect(attachments[0]).not.toHaveProperty('text');
  });

  it('a range of a few weeks is drawn per day, in English for an English client', async () => {
    const exchange = await run({ query: TIMELINE_TOPIC, from: '2020-06-01', to: '2020-06-20' }, 'en-US');
    expect(pngSize(exchange.files[0]!.data).width).toBe(TIMELINE_CHART_WIDTH);
    const [embed] = embedsOf(exchange.original);
    expect(embed!.title).toBe(t('en-US', 'timeline.title', { query: TIMELINE_TOPIC }));
    expect(embed!.description).toContain(t('en-US', 'timeline.unit.day'));
  });

  it('nothing found: an embed that says so, and no image', async () => {
    const exchange = await run({ query: 'zzqxnotopic' });
    expect(exchange.files).toHaveLength(0);
    const [embed] = embedsOf(exchange.original);
    expect(embed!.description).toContain(t('zh-CN', 'timeline.none', { query: 'zzqxnotopic' }));
    expect(embed!.image).toBeUndefined();
  });

  it('a malformed date is told privately what to type', async () => {
    const exchange = await run({ query: TIMELINE_TOPIC, from: '2020/06/01' });
    const message = exchange.followups[0] ?? exchange.original;
    expect(isEphemeral(message)).toBe(true);
    expect(String(message!.content)).toBe(t('zh-CN', 'input.bad-date'));
  });
});
