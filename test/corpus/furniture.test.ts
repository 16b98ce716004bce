// Each furniture rule with an example it removes and a counter-example of real prose that
// says nearly the same thing and must stay.
import { describe, expect, it } from 'vitest';
import type { ParagraphKind, RawParagraph } from '../../src/corpus/article.ts';
import { furnitureRule, removeFurniture } from '../../src/corpus/furniture.ts';
import { parseArticleWithReport } from '../../src/corpus/parse-article.ts';

const FILLER = [
  '今年以来，多地出台政策支持新能源汽车消费，销量同比增长超过三成。',
  '业内人士认为，充电基础设施的完善是下一阶段的关键，各地正在加快建设。',
  '数据显示，前三季度全国新增公共充电桩二十多万台，覆盖大部分县城。',
  '专家表示，电池成本下降将进一步推动普及，预计明年价格还有下降空间。',
  '多家车企也在加快布局海外市场，出口量连续多个月创下历史新高。',
  '与此同时，二手车市场的评估体系仍待完善，消费者对保值率存在顾虑。',
];

function para(text: string, kind: ParagraphKind = 'text', afterImage = false): RawParagraph {
  return { text, kind, afterImage };
}

/** The filler article with `line` placed at `at` ('start', 'middle' or 'end'). */
function articleWith(line: string, at: 'start' | 'middle' | 'end', extra: Partial<RawParagraph> = {}): RawParagraph[] {
  const body = FILLER.map((t) => para(t));
  const index = at === 'start' ? 0 : at === 'middle' ? 3 : body.length;
  body.splice(index, 0, { ...para(line), ...extra });
  return body;
}

function ruleFor(line: string, at: 'start' | 'middle' | 'end', title = '新能源汽车销量增长', extra: Partial<RawParagraph> = {}): string | null {
  const result = removeFurniture(articleWith(line, at, extra), title);
  return result.removed.find((r) => r.text === line)?.rule ?? null;
}

describe('furniture by what it says', () => {
  it.each([
    ['图片来源及版权：Donato Lioce', 'image-credit'],
    ['题图来自 Unsplash', 'image-credit'],
    ['图片来自网络', 'image-credit'],
    ['摄影：张三', 'image-credit'],
    ['Photo by Jane Doe on Unsplash', 'image-credit'],
    ['示意图由作者提供', 'image-credit'],
    ['受访者供图', 'image-credit'],
    ['视觉中国', 'image-credit'],
    ['Pages: 1 2', 'pagination'],
    ['上一页 下一页', 'pagination'],
    ['点击访问：官方商城', 'click-promotion'],
    ['Download PDFnull', 'button-row'],
    ['分享 微信 收藏', 'button-row'],
    ['[TOC]', 'markup-residue'],
    ['责任编辑：蒋晓桐', 'editor-line'],
    ['图自@央视财经', 'image-credit'],
    ['如有侵权，请联系 support@example.com 删除。', 'reprint-notice'],
    ['本文分享自微信公众号 - 某某（abc）。', 'reprint-notice'],
    ['转载本文请联系原作者获取授权。', 'reprint-notice'],
    ['上一篇：细胞“电池”的发现有助于对抗许多疾病', 'pagination'],
    ['分享、收藏、赞、在看', 'button-row'],
    ['请点击下载智通财经App', 'app-promotion'],
    ['海量资讯、精准解读，尽在新浪财经APP', 'app-promotion'],
    ['长按识别二维码关注我们', 'qr-code'],
    ['未经许可，禁止转载', 'reprint-notice'],
    ['相关阅读', 'related-links'],
    ['关注「知晓程序」公众号，在微信后台回复「开发」，获取小程序开发技巧大全。', 'follow-promotion'],
    ['若想获取更多资料，可直接扫下图二维码添加助理。', 'qr-code'],
    ['原文：https://mp.weixin.qq.com/s/abc', 'source-link'],
    ['https://www.theregister.com/2021/05/11/turing_machine/', 'source-link'],
    ['数据来源：同花顺iFind，制图：星空数据', 'image-credit'],
    ['Unity Project Window，图源网络', 'image-credit'],
    ['E-mail: * 必需， 不公开', 'comment-form'],
    ['复制代码', 'button-row'],
  ])('removes %j as %s, wherever it stands', (line, rule) => {
    expect(furnitureRule(line)).toBe(rule);
    expect(ruleFor(line, 'middle')).toBe(rule);
  });

  it.each([
    // Prose that mentions a picture, a photographer, a page or a click.
    '这张图片来自一位网友的投稿，随后在社交平台上引发了大量转发和讨论，当地部门也作出了回应。',
    '摄影师张三说，他在山顶等了整整三天，才拍到这张照片。',
    '回到云函数的编辑页面，点击右上角的“测试”，打开测试窗口。',
    '页面加载时间缩短了一半，用户留存率随之上升。',
    '下载量在上线第一周就突破了一百万次。',
    '他在上一篇论文中提出了这个猜想，如今终于得到证明。',
    '图书馆的藏书自建馆以来增加了三倍。',
    '下载这款APP的用户已经超过一亿，其中一半来自海外。',
    '研究人员发明了一种新型二维码加密技术，可以有效防止伪造和篡改，已在多家银行试点。',
    '该报道援引知情人士的话说，相关阅读材料将在下周发放给所有考生。',
    '图片 / 照片 / 截图',
    '详情见官网 https://example.com 的公告。',
  ])('keeps the sentence %j', (line) => {
    expect(furnitureRule(line)).toBeNull();
    expect(ruleFor(line, 'middle')).toBeNull();
  });
});

describe('furniture by where it stands', () => {
  it.each([
    ['撰文 | 李四', 'start', 'byline'],
    ['本文作者为 Rebecca Qian', 'start', 'byline'],
    ['（翻译：北京天文馆）', 'end', 'byline'],
    ['作者简介：王五，资深媒体人，公众号：科技观察（ID: techview）', 'end', 'author-bio'],
    ['#专栏作家# 赵六，前大厂产品经理', 'start', 'author-bio'],
    ['关注「知晓程序」公众号，在微信后台回复「开发」，获取小程序开发技巧大全。', 'end', 'follow-promotion'],
    ['我们正在招聘前端工程师，欢迎发送简历至 jobs@example.com', 'end', 'recruiting-footer'],
    ['以上就是今天的早报，我们明天见！', 'end', 'sign-off'],
    ['以上就是今天虎嗅早报的全部内容，更多消息，一会见。', 'end', 'sign-off'],
    ['~完，我是刷碗智，下次再聊！', 'end', 'sign-off'],
    ['原创 yab 物种日历', 'start', 'byline'],
    ['- EAWorld编辑整理 -', 'end', 'byline'],
    ['2022年7月08日', 'start', 'date-line'],
    ['今天是2021年6月3日，星期四。', 'start', 'column-greeting'],
    ['有梦想，有干货，微信搜索 【大迁世界】 关注这个在凌晨还在刷碗的刷碗智。', 'start', 'follow-promotion'],
    ['同时也欢迎大家移步 B 站，关注“單讀”，一键三连，一起思想蹦迪！', 'end', 'follow-promotion'],
  ] as const)('removes %j at the %s as %s', (line, at, rule) => {
    expect(ruleFor(line, at)).toBe(rule);
  });

  it.each([
    // The same words in the middle of the article are the article's.
    ['撰文 | 李四', 'middle'],
    ['作者简介：王五，资深媒体人，公众号：科技观察（ID: techview）', 'middle'],
    ['关注「知晓程序」公众号的读者越来越多，这说明开发者需要更多的学习资料。', 'end'],
    // A sentence that mentions a 公众号 or a 专栏作家 in passing is content, even at the edges.
    ['据“绍兴发布”公众号消息，绍兴已成立房地产专班，定期对全市所有住宅项目全面排查。', 'end'],
    ['这位专栏作家在书中回忆了自己二十年的写作生涯，并谈到了对年轻作者的期望。', 'start'],
    ['作者是一位在纽约生活了二十年的插画家，笔下的猫以冷幽默著称。', 'start'],
    ['我们明天将继续关注这一事件的进展，并第一时间带来最新报道。', 'middle'],
    ['2022年7月08日', 'middle'],
    ['今天是2021年6月3日，星期四。', 'middle'],
    ['原创药企今年的研发投入同比增长两成，远超仿制药企业。', 'start'],
    ['他在微博上说，关注这件事的人越来越多。', 'end'],
  ] as const)('keeps %j at the %s', (line, at) => {
    expect(ruleFor(line, at)).toBeNull();
  });

  it('keeps a call to apply in an article that is itself a job advert', () => {
    const line = '把你的简历和发现的异常整理发我们邮箱，期待优秀的你加入我们大家庭。';
    expect(ruleFor(line, 'end', 'LaTeX 招聘了')).toBeNull();
    expect(ruleFor(line, 'end', '新能源汽车销量增长')).toBe('recruiting-footer');
  });

  it('marks a short line right after an image as a caption, and removes it when it is a credit', () => {
    const caption = removeFurniture(articleWith('图 1 – 四层页表结构', 'middle', { afterImage: true }), null);
    expect(caption.paragraphs.find((p) => p.text === '图 1 – 四层页表结构')?.kind).toBe('caption');
    expect(ruleFor('图片来自网络', 'middle', undefined, { afterImage: true })).toBe('image-credit');
  });

  it('does not take a sentence or a label line after an image for a caption', () => {
    for (const line of ['发售日期：2021.10.28', '俯瞰初雪覆盖的富士山顶。']) {
      const result = removeFurniture(articleWith(line, 'middle', { afterImage: true }), null);
      expect(result.paragraphs.find((p) => p.text === line)?.kind).toBe('text');
    }
  });

  it('takes a stock-library credit off the end of a caption, and an image source after the last sentence', () => {
    const caption = removeFurniture([para('实验室中常用到的PCR仪器 | Juan Carlos Mata / Wikimedia Commons')], null);
    expect(caption.paragraphs[0]!.text).toBe('实验室中常用到的PCR仪器');
    const news = removeFurniture([para('8月23日，北京，外卖员冒雨送餐。图自东方IC')], null);
    expect(news.paragraphs[0]!.text).toBe('8月23日，北京，外卖员冒雨送餐。');
    const prose = removeFurniture([para('他说，管道 | 阀门 | 仪表这三类产品今年都在涨价。')], null);
    expect(prose.removed).toEqual([]);
  });

  it('reads a short line after an image as a heading when it introduces the text that follows', () => {
    const body = [para('前文一段，讲述了背景。'), para('耐高温的细菌', 'text', true), para(FILLER[0]!)];
    expect(removeFurniture(body, null).paragraphs[1]!.kind).toBe('text'); // left for structure to call a heading
    const figure = [para('前文一段，讲述了背景。'), para('图 2 – 四层页表结构', 'heading', true), para(FILLER[0]!)];
    expect(removeFurniture(figure, null).paragraphs[1]!.kind).toBe('caption');
  });

  it('takes a photographer credit off the end of a paragraph, and only there', () => {
    const result = removeFurniture([para('富士山迎来初雪。日本气象台宣布观测到第一场降雪。摄影师：iDaily Media')], null);
    expect(result.paragraphs[0]!.text).toBe('富士山迎来初雪。日本气象台宣布观测到第一场降雪。');
    expect(result.removed).toEqual([{ text: '摄影师：iDaily Media', rule: 'image-credit' }]);
    const prose = removeFurniture([para('摄影师：这是他第一次来到富士山，他说景色令人难忘。')], null);
    expect(prose.removed).toEqual([]);
  });
});

describe('end markers and repeats', () => {
  it('removes an end marker and the site furniture after it', () => {
    const body = [...FILLER.map((t) => para(t)), para('- THE END -'), para('往期推荐'), para('商务合作请联系小编')];
    const result = removeFurniture(body, null);
    expect(result.paragraphs.map((p) => p.text)).toEqual(FILLER);
    expect(result.removed.map((r) => r.rule)).toEqual(['end-marker', 'after-end-marker', 'after-end-marker']);
  });

  it('keeps "END" in the first two thirds, where it is not the end', () => {
    const body = [para('END'), ...FILLER.map((t) => para(t))];
    expect(removeFurniture(body, null).paragraphs).toHaveLength(FILLER.length + 1);
  });

  it('keeps the first copy of a block the page carries twice, and short labels that repeat', () => {
    const block = [para('United States – 2019'), para('CITATION'), para('For fundamental contributions to 3D computer graphics.')];
    const result = removeFurniture([...block, ...block], null);
    expect(result.paragraphs.map((p) => p.text)).toEqual(block.map((p) => p.text));
    expect(result.removed.every((r) => r.rule === 'repeated-block')).toBe(true);
    const labels = [para('输出：'), para('错误一', 'code'), para('输出：'), para('错误二', 'code')];
    expect(removeFurniture(labels, null).paragraphs).toHaveLength(4);
  });

  it('removes an "about the author" section with where to follow them, but keeps a book\'s author introduction', () => {
    const bio = [...FILLER.map((t) => para(t)), para('03 关于作者', 'heading'), para('孙七，前记者，微信公众号：七说')];
    const removed = removeFurniture(bio, null);
    expect(removed.paragraphs).toHaveLength(FILLER.length);
    expect(removed.removed.map((r) => r.rule)).toEqual(['author-bio', 'author-bio']);
    const book = [...FILLER.map((t) => para(t)), para('作者简介', 'heading'), para('卡尔・史蒂文斯，图像小说家、画家，作品常见于《纽约客》。')];
    expect(removeFurniture(book, null).paragraphs).toHaveLength(FILLER.length + 2);
  });

  it('removes a heading at the end whose whole section was furniture, and keeps a heading with its text', () => {
    const orphan = [...FILLER.map((t) => para(t)), para('往期推荐', 'heading'), para('分享 收藏')];
    const result = removeFurniture(orphan, null);
    expect(result.paragraphs.map((p) => p.text)).toEqual(FILLER);
    expect(result.removed.map((r) => r.rule)).toEqual(['button-row', 'orphan-heading']);
    const kept = [...FILLER.map((t) => para(t)), para('结语', 'heading'), para('这就是全部的经验，希望对大家有所帮助。')];
    expect(removeFurniture(kept, null).paragraphs).toHaveLength(FILLER.length + 2);
  });

  it('never touches code', () => {
    const code = para('// 责任编辑：不是编辑，是注释\nconsole.log("THE END")', 'code');
    expect(removeFurniture([...FILLER.map((t) => para(t)), code], null).paragraphs.at(-1)).toEqual(code);
  });
});

describe('whole articles', () => {
  const parse = (text: string, id = 'a.md') => parseArticleWithReport(id, Buffer.from(text));

  it('keeps a headline-only item, and refuses only an item with neither title nor text', () => {
    const { article } = parse("---\ntitle: '5G如何保障服务质量_'\nauthor: 阿里云\ndate: 2021-04-15 08:08:41\n---\n\n<div>\n5G如何保障服务质量?\n</div>\n");
    expect(article.title).toBe('5G如何保障服务质量?'); // the body's punctuation beats the file name's `_`
    expect(article.paragraphs).toEqual([]);
    expect(article.source).toBe('阿里云');
    expect(() => parse('---\nauthor: 阿里云\n---\n\n<div> </div>\n')).toThrow(/no title and no article text/);
  });

  it('decodes entities and removes markup and a tag prefix from a front-matter title', () => {
    const { article } = parse("---\ntitle: '_General_&nbsp;<b>Chief</b> Economists &amp; Outlook'\n---\n\n<p>Body text.</p>\n");
    expect(article.title).toBe('Chief Economists & Outlook');
  });

  it('keeps HTML code listings as code, without line-number gutters or copy buttons', () => {
    const html =
      '<p>用法如下：</p><figure class="highlight"><table><tr><td class="gutter"><pre>1<br>2</pre></td>' +
      '<td class="code"><pre><span class="line">docker run -d nginx</span><br><span class="line">  useEffect(() =&gt; {})</span></pre></td></tr></table></figure>' +
      '<pre>复制代码\nconst a = 1;\n</pre>';
    const { article } = parse(`---\ntitle: 'Docker'\n---\n\n${html}\n`);
    expect(article.kinds).toEqual(['text', 'code', 'code']);
    expect(article.paragraphs[1]).toBe('docker run -d nginx\n  useEffect(() => {})');
    expect(article.paragraphs[2]).toBe('const a = 1;');
  });

  it('keeps tags a page forgot to escape inside a code listing as code, and reads the page as a fragment', () => {
    const html =
      '<p>启动后访问：</p><pre>curl localhost<br>\n<html><body><h1>It works!</h1></body></html><br>\npodman top <container_id></pre><p>后面的正文还在。</p>';
    const { article } = parse(`---\ntitle: 'Podman'\n---\n\n${html}\n`);
    expect(article.paragraphs).toEqual([
      '启动后访问：',
      'curl localhost\n<html><body><h1>It works!</h1></body></html>\npodman top <container_id>',
      '后面的正文还在。',
    ]);
    expect(article.kinds).toEqual(['text', 'code', 'text']);
  });

  it('reads a forum code box (an <ol> in a div whose class says code) as code, without its copy button', () => {
    const html =
      '<p>写法如下：</p><div class="blockcode"><div id="code_x1"><ol><li>timer = timer_max;</li><li>if (timer > 0) timer -= dt;</li></ol></div><em>复制代码</em></div><p>这样就实现了计时。</p>';
    const { article } = parse(`---\ntitle: 'T'\n---\n\n${html}\n`);
    expect(article.kinds).toEqual(['text', 'code', 'text']);
    expect(article.paragraphs[1]).toBe('timer = timer_max;\nif (timer > 0) timer -= dt;');
  });

  it('reads a one-cell layout table as text, and a row of cells as a table row', () => {
    const html = '<table><tr><td><p>整篇文章放在一个单元格里，这是论坛的版式。</p></td></tr></table><table><tr><td>指标</td><td>26.6%</td></tr></table>';
    expect(parse(`---\ntitle: 'T'\n---\n\n${html}\n`).article.kinds).toEqual(['text', 'table']);
  });

  it('removes the heading left alone at the end once the related links under it went', () => {
    const html = FILLER.map((t) => `<p>${t}</p>`).join('') + '<h3>参考</h3><p><a href="/a">一篇参考文章</a></p>';
    const { article, removed } = parse(`---\ntitle: 'T'\n---\n\n${html}\n`);
    expect(article.paragraphs).toEqual(FILLER);
    expect(removed.map((r) => r.text)).toEqual(['一篇参考文章', '参考']);
  });

  it('keeps Markdown fences as code and reads headings, lists and quotes as such', () => {
    const md = "---\ntitle: 'MD'\n---\n\n# 标题一\n\n正文一段。\n\n- 列表项\n\n> 引用一句。\n\n```bash\ndocker run -d nginx\n```\n";
    const { article } = parse(md);
    expect(article.paragraphs).toEqual(['标题一', '正文一段。', '列表项', '引用一句。', 'docker run -d nginx']);
    expect(article.kinds).toEqual(['heading', 'text', 'list', 'quote', 'code']);
  });

  it('reports what it removed, with the rule', () => {
    const html =
      '<p>本文作者为 张三</p>' +
      FILLER.map((t) => `<p>${t}</p>`).join('') +
      '<p><a href="/a">相关一</a> <a href="/b">相关二</a></p><div class="qrcode">扫码关注</div>';
    const { removed } = parse(`---\ntitle: 'T'\n---\n\n${html}\n`);
    expect(removed).toEqual([
      { text: '扫码关注', rule: 'html.furniture-element' },
      { text: '相关一 相关二', rule: 'html.link-list' },
      { text: '本文作者为 张三', rule: 'byline' },
    ]);
  });
});
