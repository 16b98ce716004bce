// Every seed and corpus sample, checked against expectations written by reading the files.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/corpus/article.ts';
import { readCorpus, type CorpusRead } from '../../src/search/read-corpus.ts';
import { SEEDS } from '../helpers.ts';

const SAMPLES = path.resolve('test/fixtures/corpus-samples');

interface Expected {
  title: string;
  /** Date as ISO text at its precision, or null. */
  date: string | null;
  source: string;
  first: string; // the first paragraph starts with this
  last: string; // the last paragraph starts with this
  originalTitle?: string;
  url?: string;
}

const EXPECTED: Record<string, Expected> = {
  '000_e8ef5d2d52bef2dd.txt': {
    title: '刘鹤向2021中国5G+工业互联网大会开幕式致辞',
    originalTitle: '刘鹤向2021中国5G+工业互联网大会开幕式致辞',
    date: '2021-11-20T04:32:42.000Z',
    source: '新华社',
    first: '新华社北京11月20日电2021年中国5G+工业互联网大会11月20日在湖北武汉开幕。',
    last: '刘鹤指出，数据正在成为关键生产要素。',
  },
  '001_726417858a363bf0.txt': {
    title: '工信部部长肖亚庆：探索建设数据交易平台',
    originalTitle: '工信部部长肖亚庆：探索建设数据交易平台',
    date: '2021-11-20T03:47:41.000Z',
    source: '新京报贝壳财经',
    first: '新京报贝壳财经讯（记者 陈维城）11月20日',
    last: '“深化开放共享，构建互利共赢的产业新生态。',
  },
  '002_158c500bef4835b9.txt': {
    title: '工信部:推動5G、互聯網、大數據、人工智能與制造業深度融合',
    date: '2021-11-01T05:42:07.000Z', // 13:42:07 Beijing time in the byline
    source: '智通編選',
    first: '要加強新型信息基礎設施建設,實施智能制造工程',
    last: '本次大會主題為“新動能 新生態 新格局”',
  },
  '003_8f758f42e5038562.txt': {
    title: '[科学技术]全国政协召开双周协商座谈会 围绕“加快推进工业互联网建设”协商',
    date: '--04-30',
    source: '新华社',
    url: 'http://www.heliu2.cn/hlw/12549.html',
    first: '新华社北京4月30日电中国人民政治协商会议第十三届全国委员会第三十五次双周协商座谈会30日在北京举行。',
    last: '张副主席、、、何、等参加了会见。',
  },
  '004_c22cbfc4fcc6f316.txt': {
    title: '中国—上海合作组织数字经济产业论坛、2021中国国际智能产业博览会开幕',
    originalTitle: '中国—上海合作组织数字经济产业论坛、2021中国国际智能产业博览会开幕',
    date: '2021-08-24T07:00:17.000Z',
    source: '重庆日报',
    first: '习近平向中国—上海合作组织数字经济产业论坛、2021中国国际智能产业博览会致贺信',
    last: '中国—上海合作组织数字经济产业论坛、2021智博会为期3天',
  },
  'sina-1.md': {
    title: '00后_整顿职场_，在整顿什么？',
    date: '2022-07-23T04:34:47.000Z',
    source: '新浪财经',
    first: '如何处理和职场的关系，',
    last: '如果找不到喜欢的工作，也没能创业怎么办？',
  },
  'sina-2.md': {
    title: '"保交楼"已近两月，成果到底如何？各方最新进展来了',
    date: '2022-09-24T01:05:43.000Z',
    source: '新浪财经',
    first: '自7月28日首提“保交楼”至今已近两个月时间',
    last: '中指研究院指数事业部市场研究总监陈文静则认为',
  },
  'sina-3.md': {
    title: '"变味"的员工持股计划 洛阳钼业等公司"富了"高管，"坑了"股东 好的激励计划则正向作用明显',
    originalTitle: '“变味”的员工持股计划，这些公司“富了”高管，“坑了”股东！好的激励计划则正向作用明显',
    date: '2021-07-11T10:13:27.000Z',
    source: '证券市场红周刊',
    first: '案例篇：',
    last: '在股价波动的过程中，股权激励本身是没有错的',
  },
  'nbd-1.md': {
    title: '10年再添4座千万人口省会城市，下一个会是哪里？',
    date: '2021-05-21T07:21:55.000Z',
    source: '每经网',
    first: '全国人口格局正在加速重构',
    last: '这无疑将影响到“强省会”时代下，两座城市下一个十年的表现。',
  },
  'nbd-2.md': {
    title: '10天之内，福特中国高层三次变动，发生了什么？',
    date: '2021-05-08T19:22:06.000Z',
    source: '每经网',
    first: '为重回市场主流地位，福特在中国市场正发起一轮组织架构大调整。',
    last: '值得注意的是，此次成立的福特品牌乘用车事业部',
  },
  'dt-1.md': {
    title: '中美体育的差距可能就是一个数字化的NBA',
    date: '2019-01-08T09:10:00.000Z',
    source: 'DT 财经',
    first: '虽然足球是全球第一大体育运动',
    last: '虽然足球是全球第一大体育运动',
  },
  'jianshu-1.md': {
    title: '使用Jenkins持续集成的一些经验总结',
    date: null, // front matter says `Invalid Date` and the body has no date
    source: '简书',
    first: 'Jenkins version: 2.263.4 LTS',
    last: '还原备份：',
  },
  'sspai-1.md': {
    title: '用 LaTeX 轻松编写精美 pdf',
    date: '2022-06-17T13:07:41.000Z',
    source: '少数派 sspai',
    first: 'LaTeX 不只是写数学公式',
    last: '其实我写的远不止这些',
  },
  'sspai-2.md': {
    title: 'Magisk Manager 详解',
    date: '2019-03-31T05:09:28.000Z',
    source: '少数派 sspai',
    first: '久等了。',
    last: 'Magisk 的设计包含了许多奇妙的构想',
  },
  'woshipm-1.md': {
    title: 'B端交互｜如何制定B端项目全局框架',
    date: '2022-07-26T00:00:00.000Z',
    source: '人人都是产品经理',
    first: '编辑导语：交互设计本质上就是设计产品的使用方式的过程',
    last: '所以，它的制定流程是在前期先根据掌握的信息制定出最初的版本',
  },
  'woshipm-2.md': {
    title: 'PC客户端数据埋点分享',
    date: '2021-07-16T00:00:00.000Z',
    source: '人人都是产品经理',
    first: '编辑导语：移动互联网时代',
    last: '在这里，如果希望收集用户的卸载原因',
  },
};

/** Patterns that must not survive cleaning, in any paragraph of any article. */
const BOILERPLATE: [string, RegExp][] = [
  ['HTML tag', /<\/?[a-z][a-z0-9-]*(\s[^<>]*)?\/?>/i],
  ['HTML entity', /&#\d+;|&#x[0-9a-f]+;|&(amp|lt|gt|quot|nbsp);/i],
  ['CSS rule', /[\w.#-]+\s*\{[^{}]*[\w-]+\s*:\s*[^{}]*;[^{}]*\}/],
  ['editor line', /[责責]任[编編][辑輯]|每经编辑|每经记者|^记者\s*[|｜]|编辑\s*[|｜]|^校对|[编編][辑輯]\s*[:：]\s*\S{2,4}$/],
  ['report/feedback', /举报\s*\/\s*反馈|^举报$/],
  ['QR code', /二维码|二維碼|扫码分享/],
  ['app promotion', /尽在新浪财经APP|下[载載]智通[财財][经經]App|炒股开户|金牌投顾|下载少数派|官方店铺|百万用户都在看/],
  ['share/collect button', /^(分享|微信|QQ|微博|收藏|赞赏)$/],
  ['reward box', /给作者打赏/],
  ['reprint notice', /未经许可|未經允許|禁止转载|不得[转轉][载載]|原创发布于|题图来自|如需转载|原创文章/],
  ['image credit', /^(封面)?图片来源|^图源/],
  ['disclaimer', /智通[声聲]明/],
  ['markdown image', /!\[/],
  ['markdown link', /\]\((https?:|\/)/],
  ['bare URL paragraph', /^https?:\/\/\S+$/],
  ['related-links heading', /^(关联阅读|相关阅读)/],
  ['pinyin annotation', /\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\)/],
  ['metadata line', /^(标题|地址|原标题|作者|来源)\s*[:：]/],
  ['ideographic space', /\u3000/],
  ['line break', /\n/],
  ['untrimmed', /^\s|\s$/],
];

let seeds: CorpusRead;
let samples: CorpusRead;
let byId: Map<string, Article>;

beforeAll(async () => {
  seeds = await readCorpus(SEEDS);
  samples = await readCorpus(SAMPLES);
  byId = new Map([...seeds.articles, ...samples.articles].map((a) => [a.id, a]));
});

describe('loading the seeds and corpus samples', () => {
  it('loads all five seeds and all twelve samples', () => {
    expect(seeds.articles.map((a) => a.id)).toEqual(Object.keys(EXPECTED).filter((id) => /^\d{3}_/.test(id)));
    expect(seeds.skipped).toEqual([]);
    expect(samples.articles).toHaveLength(12);
    expect(samples.skipped).toEqual([]);
  });

  it('keeps the 199it item whose body only repeats the title as a headline-only article', () => {
    const a = samples.articles.find((x) => x.id === '199it-1.md')!;
    expect(a.title).toBe('13个月内腾讯和阿里市值蒸发6万亿人民币');
    expect(a.source).toBe('199IT');
    expect(a.date?.year).toBe(2022);
    expect(a.paragraphs).toEqual([]);
  });
});

describe.each(Object.entries(EXPECTED))('%s', (id, want) => {
  const article = () => {
    const a = byId.get(id);
    if (!a) throw new Error(`${id} was not loaded`);
    return a;
  };

  it('has the expected title, date and source', () => {
    const a = article();
    expect(a.title).toBe(want.title);
    expect(a.date?.iso ?? null).toBe(want.date);
    expect(a.source).toBe(want.source);
    if (want.originalTitle !== undefined) expect(a.originalTitle).toBe(want.originalTitle);
    if (want.url !== undefined) expect(a.url).toBe(want.url);
  });

  it('keeps the first and last real paragraphs', () => {
    const a = article();
    expect(a.paragraphs[0]!.startsWith(want.first), `first: ${a.paragraphs[0]}`).toBe(true);
    expect(a.paragraphs.at(-1)!.startsWith(want.last), `last: ${a.paragraphs.at(-1)}`).toBe(true);
    expect(a.text).toBe(a.paragraphs.join('\n'));
  });

  it('does not repeat the title as the first paragraph', () => {
    const a = article();
    expect(a.paragraphs[0]).not.toBe(a.title);
  });

  it('records a rule for every metadata field that has a value, and none for empty ones', () => {
    const a = article();
    const fields = { title: a.title, originalTitle: a.originalTitle, date: a.date, source: a.source, url: a.url } as const;
    for (const [name, value] of Object.entries(fields)) {
      expect(a.provenance[name as keyof typeof fields] === null, name).toBe(value === null);
    }
    expect(a.provenance.categories === null).toBe(a.categories.length === 0);
  });

  it.each(BOILERPLATE)('has no %s left in any paragraph', (_name, pattern) => {
    // Code keeps its line breaks and indentation: it is checked as code, not as prose.
    const hits = article().paragraphs.filter((p, i) => article().kinds[i] !== 'code' && (pattern.test(p) || p.length === 0));
    expect(hits).toEqual([]);
  });
});

describe('metadata rules on the seeds', () => {
  it('takes the title of 002 from its first line and of 003 from its 标题 trailer', () => {
    expect(byId.get('002_158c500bef4835b9.txt')!.provenance.title).toBe('body.first-line');
    expect(byId.get('003_8f758f42e5038562.txt')!.provenance.title).toBe('trailer.标题');
    expect(byId.get('003_8f758f42e5038562.txt')!.provenance.url).toBe('trailer.地址');
  });

  it('reads the 002 byline time as Beijing time', () => {
    const date = byId.get('002_158c500bef4835b9.txt')!.date!;
    expect(date).toMatchObject({ year: 2021, month: 11, day: 1, time: '13:42:07', precision: 'datetime' });
    expect(date.timestamp).toBe(Date.parse('2021-11-01T13:42:07+08:00'));
  });

  it('keeps the 003 dateline as month and day without inventing a year', () => {
    expect(byId.get('003_8f758f42e5038562.txt')!.date).toEqual({
      year: null,
      month: 4,
      day: 30,
      time: null,
      precision: 'month-day',
      timestamp: null,
      iso: '--04-30',
    });
  });

  it('prefers the body 来源 line and datelines over the aggregator author in front matter', () => {
    expect(byId.get('004_c22cbfc4fcc6f316.txt')!.provenance.source).toBe('body.来源');
    expect(byId.get('000_e8ef5d2d52bef2dd.txt')!.provenance.source).toBe('body.dateline');
    expect(byId.get('sina-1.md')!.provenance.source).toBe('front-matter.author');
  });

  it('gives nbd-2 the Beijing calendar day of its GMT timestamp', () => {
    expect(byId.get('nbd-2.md')!.date).toMatchObject({ year: 2021, month: 5, day: 9, time: '03:22:06' });
  });

  it('reads the front matter categories', () => {
    expect(byId.get('sina-1.md')!.categories).toEqual(['金融', '新浪财经', '新浪财经－国內']);
  });
});

describe('display text', () => {
  it('keeps traditional script and removes the pinyin in 002', () => {
    const text = byId.get('002_158c500bef4835b9.txt')!.text;
    expect(text).toContain('互聯網');
    expect(text).toContain('肖亞慶');
    expect(text).not.toContain('互联网');
    expect(text).not.toContain('(wù)');
  });

  it('decodes entities and keeps inline code of sspai-1, and its code blocks as code', () => {
    const a = byId.get('sspai-1.md')!;
    expect(a.text).toContain('\\usepackage{hyperref}');
    const code = a.paragraphs.filter((_, i) => a.kinds[i] === 'code');
    expect(code.some((p) => p.includes('\\section{一级标题}'))).toBe(true); // only inside a <pre> block
    expect(a.paragraphs.filter((_, i) => a.kinds[i] !== 'code').some((p) => p.includes('\\section{一级标题}'))).toBe(false);
  });

  it('keeps text that sits outside any paragraph element (jianshu)', () => {
    expect(byId.get('jianshu-1.md')!.paragraphs).toContain('测试目录代理访问;');
    expect(byId.get('jianshu-1.md')!.text).toContain('场景：jenkins项目clone代码时');
  });

  it('removes the 003 related-image list but keeps its photo caption', () => {
    const a = byId.get('003_8f758f42e5038562.txt')!;
    expect(a.text).not.toContain('泰康在线');
    expect(a.text).toContain('新华社记者李涛照片');
  });
});
