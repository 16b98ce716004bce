// Summaries by structure: headings, digests, captions, code and quotes are not body
// sentences; a long essay is summarised in order, with whole sentences.
import { describe, expect, it } from 'vitest';
import type { Article, ParagraphKind } from '../../src/corpus/article.ts';
import { parseArticle } from '../../src/corpus/parse-article.ts';
import { articleShape, chooseSummarySentences, listOutline, summarise, summaryOf } from '../../src/search/summary.ts';

type Doc = Pick<Article, 'paragraphs' | 'kinds' | 'title'>;

function doc(title: string, parts: [ParagraphKind, string][]): Doc {
  return { title, paragraphs: parts.map(([, t]) => t), kinds: parts.map(([k]) => k) };
}

/** An article as the cleaner makes it from Markdown or HTML, so structure comes from the real pipeline. */
function fromMarkdown(title: string, body: string): Doc {
  return parseArticle('a.md', Buffer.from(`---\ntitle: '${title}'\n---\n\n${body}\n`));
}

describe('summaries choose body sentences only', () => {
  it('never takes a heading, marked or inferred, as a sentence', () => {
    // `<h2>` says it is a heading; the plain `<p>1. 使用场景</p>` says so only by its shape.
    const article = fromMarkdown(
      '资本流动',
      [
        '<h2>资本流动的背景</h2>',
        '<p>今年以来，跨境资本流动出现了新的变化，外资持续增持人民币资产。</p>',
        '<p>1. 使用场景</p>',
        '<p>这种变化与国内利率环境和汇率预期密切相关，监管部门也在完善相关制度。</p>',
        '<p>市场人士认为，资本双向流动将成为常态，企业需要做好汇率风险管理。</p>',
      ].join(''),
    );
    expect(article.kinds).toEqual(['heading', 'text', 'heading', 'text', 'text']);
    const summary = summarise(article);
    expect(summary.length).toBeGreaterThan(0);
    for (const s of summary) expect(['资本流动的背景', '1. 使用场景']).not.toContain(s);
    expect(summary.join('')).not.toMatch(/背景今年|场景这种/);
  });

  it('never takes a caption, a code line or a list item of a prose article', () => {
    const article = doc('新工具发布', [
      ['text', '这款工具今天正式发布，主打离线运行，安装包不到十兆。'],
      ['caption', '图 1 – 安装界面截图'],
      ['code', 'npm install some-tool --global'],
      ['text', '开发团队表示，后续版本会加入插件系统，并开放全部接口文档。'],
      ['list', '支持三大桌面系统，无需额外依赖。'],
      ['text', '目前该工具已在多家公司内部试用，反馈总体积极。'],
    ]);
    const chosen = chooseSummarySentences(article);
    expect(chosen.length).toBeGreaterThan(0);
    expect(chosen.every((s) => s.kind === 'text')).toBe(true);
  });

  it('may quote a quotation that is part of the body', () => {
    const article = doc('采访', [
      ['quote', '“我们会继续加大研发投入，明年推出新一代产品。”'],
      ['text', '该公司负责人在接受采访时这样表示。'],
    ]);
    expect(summarise(article).join('')).toContain('我们会继续加大研发投入');
  });
});

describe('digests and lists are summarised as lists', () => {
  const items = ['创元科技拟收购一家环保公司。', '南京化纤发布业绩预告。', '某券商获批设立子公司。', '多家银行下调存款利率。', '新能源车企公布交付数据。'];

  it('gives a numbered digest its lead, its item count and the first heads in order', () => {
    const article = fromMarkdown('每日五条', ['今天的要闻有以下五条。', ...items.map((t, i) => `${i + 1}. ${t}`)].join('\n\n'));
    expect(articleShape(article)).toBe('list');
    expect(listOutline(article)).toEqual({ count: 5, heads: ['创元科技拟收购一家环保公司', '南京化纤发布业绩预告', '某券商获批设立子公司'] });
    expect(summarise(article)).toEqual(['今天的要闻有以下五条。']);
  });

  it('reads a bulleted list and Chinese numbering (一，预测三：) as items too', () => {
    expect(articleShape(fromMarkdown('要闻', items.map((t) => `- ${t}`).join('\n\n')))).toBe('list');
    const predictions = fromMarkdown('十大预测', ['预测一：芯片产能继续扩张。', '预测二：消费电子需求回暖。', '预测三：汽车电子占比提升。'].join('\n\n'));
    expect(articleShape(predictions)).toBe('list');
    expect(listOutline(predictions).heads[2]).toBe('汽车电子占比提升');
  });

  it('keeps a prose article with a short list inside as prose', () => {
    const article = fromMarkdown(
      '政策解读',
      [
        '新政策明确了三方面的支持措施，覆盖研发、融资和人才引进，力度超出市场预期。',
        '- 研发费用加计扣除。',
        '- 贷款贴息。',
        '分析人士指出，政策的关键在于落地速度，各地需要尽快出台实施细则，让企业切实受益。',
      ].join('\n\n'),
    );
    expect(articleShape(article)).toBe('prose');
  });
});

describe('a long essay', () => {
  const essay = doc('为什么我们需要慢一点', [
    ['text', '在一个追求效率的时代，慢下来似乎成了奢侈。'],
    ['text', '城市生活的节奏越来越快，人们习惯在通勤路上处理邮件，在午餐时间回复消息。'],
    ['text', '研究表明，持续的多任务处理会显著降低注意力和记忆力。但是，真正的问题并不在于忙碌本身。'],
    ['text', '问题在于我们很少停下来思考，做这些事情究竟是为了什么。'],
    ['text', '许多人在退休后才发现，自己错过了孩子成长中最重要的时刻。'],
    ['text', '慢一点，并不意味着懒惰，而是把时间还给真正重要的人和事。'],
    ['text', '为什么？因为爱。'],
  ]);

  it('keeps sentences in document order, whole, within the budget', () => {
    const chosen = chooseSummarySentences(essay);
    expect(chosen.map((s) => s.index)).toEqual([...chosen.map((s) => s.index)].sort((a, b) => a - b));
    for (const s of summarise(essay)) expect(s).toMatch(/[。！？]$/);
    expect(summarise(essay).join('').length).toBeLessThanOrEqual(200);
  });

  it('brings the sentence a connective leans on, or leaves the connective out', () => {
    const chosen = chooseSummarySentences(essay);
    for (const [k, s] of chosen.entries()) {
      if (s.text.startsWith('但是')) expect(chosen[k - 1]?.index).toBe(s.index - 1);
    }
  });

  it('never takes half a quotation that the splitter cut at a semicolon', () => {
    const quoted = doc('红白玫瑰', [
      ['text', '“娶了红玫瑰，久而久之，红的变了墙上的一抹蚊子血；白的还是床前明月光。”这句话广为流传。'],
      ['text', '这部作品改编自张爱玲的同名小说，讲述了一个男人和两个女人的故事。'],
    ]);
    for (const s of summarise(quoted)) expect(s.startsWith('“娶了红玫瑰') && !s.includes('”')).toBe(false);
  });

  it('does not end on the one-line flourish', () => {
    expect(summarise(essay).at(-1)).not.toBe('因为爱。');
  });

  it('says nothing rather than quote code when an article is only code', () => {
    const code = doc('脚本', [['code', 'echo hello\necho world']]);
    expect(summarise(code)).toEqual(['echo hello', 'echo world']);
    expect(summaryOf(code).summary.code.map((s) => summaryOf(code).summary.text.slice(s.start, s.end))).toEqual(['echo hello', 'echo world']);
  });
});
