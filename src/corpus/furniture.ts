// Paragraphs that are site furniture rather than article text, and the rule that says so.
// The rules are about what furniture looks like on any site, not lists for known sites:
// - what it says (a credit, a reprint notice, a button row), limited to short paragraphs
//   where real prose could say the same;
// - where it stands: bylines, bios, follow-us and recruiting lines live in the first or last
//   few paragraphs; a short line right after an image is a caption or a credit;
// - end markers: what follows `- THE END -` is the site's, not the author's.
// Every pattern has simplified and traditional spellings, so no script conversion is needed.
import type { RawParagraph, RemovedParagraph } from './article.ts';
import { isDataField } from './structure.ts';

/** Paragraphs that are only share/collect/reward button labels, e.g. `分享 微信 分享 QQ 收藏`. */
// prettier-ignore
const BUTTON_WORDS = new Set([
  '分享', '微信', 'QQ', 'qq', '微博', 'QQ空间', '收藏', '点赞', '點讚', '点赞数', '评论', '評論', '赞赏', '讚賞',
  '打赏', '打賞', '转发', '轉發', '朋友圈', '复制链接', '複製鏈接', '举报', '舉報', '反馈', '反饋', '举报/反馈',
  '舉報/反饋', '扫码分享', '掃碼分享', '返回顶部', '返回頂部', '上一篇', '下一篇', '赞', '讚', '在看', '喜欢', '喜歡',
  '复制代码', '複製代碼', 'Copy', 'copy', '添加评论', '發表評論', '发表评论', '我要评论', '我要評論',
]);

type Rule = readonly [name: string, pattern: RegExp];

/** Always furniture, whatever the length. */
const ALWAYS: Rule[] = [
  ['editor-line', /^[责責]任[编編][辑輯]\s*[:：]/], // 责任编辑：蒋晓桐
  ['disclaimer', /^智通[声聲]明\s*[:：]/], // 智通聲明：本內容為作者獨立觀點…
  ['disclaimer', /^(免责声明|免責聲明|风险提示|風險提示|特别声明|特別聲明)\s*[:：]/],
  ['reprint-notice', /^本文由\s*@.{1,40}原创发布于/], // woshipm reprint notice
  ['image-credit', /^(题图|題圖)(来自|來自|来源|來源)/],
  ['image-credit', /^(封面)?(图片|圖片)(来源|來源)(及版权|及版權)?\s*[:：]/], // 图片来源：摄图网
  ['image-credit', /^(图源|圖源)\s*[:：]/],
  ['reward-button', /^给作者打赏|^給作者打賞/],
  ['markup-residue', /^\[(TOC|toc)\]$/], // a Markdown table-of-contents macro nobody expanded
  // A source link on a line of its own: `原文：https://…`, or a bare URL.
  ['source-link', /^(原文|原文链接|原文鏈接|原文地址|链接|鏈接|来源|來源|source|via|link)?\s*[:：]?\s*<?https?:\/\/\S+>?$/i],
];

/** Furniture when the paragraph is short (at most SHORT characters). */
const SHORT = 120;
const WHEN_SHORT: Rule[] = [
  ['editor-line', /[编編][辑輯]\s*[:：|｜丨]/], // 智通財經編輯:黃曉冬 / 编辑|刘艳美
  ['editor-line', /每经(记者|编辑)/], // 每经记者 杨弃非 每经编辑 刘艳美
  ['editor-line', /^(记者|記者)\s*[|｜丨]/],
  ['editor-line', /^(校对|校對|责编|責編|审核|審核|排版|实习生|實習生)\s*[:：|｜丨]/],
  ['byline', /^作者\s*[:：].*(公众号|公眾號|微信|ID\s*[:：])/], // 作者：…；公众号：… (woshipm byline)
  ['reprint-notice', /(未经|未經)(许可|許可|允许|允許|授权|授權|作者许可)/], // 未经许可禁止转载…
  ['reprint-notice', /(禁止|不得|请勿|請勿|谢绝|謝絕)(转载|轉載)|如需(转载|轉載)|(转载|轉載)请|(轉載|转载)須/],
  ['reprint-notice', /原创文章|原創文章/],
  [
    'reprint-notice',
    /(转载|轉載)本文|如有侵权|如有侵權|侵权请联系|侵權請聯繫|本文分享自|本文参与.{0,12}(计划|計劃)|版权归.{0,16}所有|版權歸.{0,16}所有|版权所有|版權所有|all rights reserved/i,
  ],
  ['pagination', /^(上一篇|下一篇|上一頁|下一頁|上篇|下篇|前一篇|后一篇|後一篇)\s*[:：]/],
  ['reprint-notice', /^本文(来自|來自|转载自|轉載自|编选自|編選自|来源于|來源於)/], // 本文来自我的小伙伴NBD汽车
  ['app-promotion', /(尽在|盡在).{0,12}(APP|App|app|客户端|客戶端)/], // 海量资讯、精准解读，尽在新浪财经APP
  ['app-promotion', /^(请|請)?\s*(点击|點擊|扫码|掃碼|立即)\s*(下载|下載).{0,20}(APP|App|app|客户端|客戶端)/], // 请点击下载智通财经App
  ['app-promotion', /下载少数派|少数派.{0,6}官方店铺|关注.{0,10}公众号，发现更多/],
  ['qr-code', /(扫码|掃碼|扫描|掃描|长按|長按).{0,12}(二维码|二維碼|关注|關注|分享|下载|下載)|(扫|掃|识别|識別).{0,6}(二维码|二維碼)/],
  ['follow-promotion', /(关注|關注).{0,20}(公众号|公眾號).{0,24}(回复|回覆|获取|獲取|领取|領取)/], // 关注…公众号，回复「…」获取…
  ['comment-form', /^(姓名|昵称|暱稱|邮箱|郵箱|e-?mail|网址|網址|验证码|驗證碼|输入验证码|輸入驗證碼)\s*[:：].{0,20}(必需|必填|不公开|不公開)/i],
  ['app-promotion', /炒股开户|开户享福利|金牌投顾/],
  ['related-links', /^(关联阅读|關聯閱讀|相关阅读|相關閱讀|延伸阅读|延伸閱讀|推荐阅读|推薦閱讀|相关文章|相關文章|百万用户都在看)\s*[:：]?$/],
];

/** Furniture only as a caption-sized paragraph: real prose may mention a QR code or a credit. */
const TINY = 60;
const WHEN_TINY: Rule[] = [
  ['pagination', /^(pages?|页码|頁碼|分页|分頁)\s*[:：]?\s*\d+([\s,|/、]+\d+)*\s*(»|>|next|下一页|下一頁)?$/i],
  ['pagination', /^((上一页|下一页|上一頁|下一頁|首页|尾页|首頁|尾頁)\s*)+$/],
  ['button-row', /^(download|下载|下載)\s*(pdf|全文|附件|文件|原文)?\s*(null|undefined)?$/i], // a download button's label
  [
    'click-promotion',
    /^(点击|點擊|戳|猛戳)\s*(访问|訪問|阅读原文|閱讀原文|这里|這裡|此处|此處|查看|了解|下载|下載|购买|購買|报名|報名|进入|進入|链接|鏈接|前往)/,
  ],
];

/** Credits and labels, not sentences: caption-sized and with no sentence end anywhere. */
const LABELS: Rule[] = [
  ['qr-code', /二维码|二維碼/],
  ['app-promotion', /^(下载|下載).{0,20}(APP|App|app|客户端|客戶端)/],
  // "image from the web", stock libraries, "provided by the author / interviewee".
  ['image-credit', /^[(（]?(图片?|圖片?|照片|配图|配圖|插图|插圖)(来自|來自|源自|来源于|來源於|取自|转自|轉自)/],
  [
    'image-credit',
    /(视觉中国|視覺中國|图虫|圖蟲|摄图网|攝圖網|包图网|包圖網|站酷海洛|东方IC|東方IC|CFP|VCG|Getty\s*Images?|Unsplash|Pixabay|Pexels|Shutterstock|iStock)/i,
  ],
  [
    'image-credit',
    /^[(（]?(图片?|圖片?|照片|配图|配圖|题图|題圖|封面图?|封面圖?|示意图|示意圖)\s*([:：]\s*\S.{0,30}|(由|为|為|[|｜丨/]).{0,30}(提供|拍摄|拍攝|授权|授權|供图|供圖|绘制|繪製|制作|製作))[)）]?$/,
  ],
  ['image-credit', /(图源|圖源|图片来源|圖片來源|图片来自|圖片來自)\s*[:：]?\s*(网络|網絡|网路|網路)/],
  ['image-credit', /^(数据来源|數據來源|资料来源|資料來源|制图|製圖)\s*[:：]/],
  ['image-credit', /(作者|受访者|受訪者|官方|主办方|主辦方|品牌方|厂商|廠商|网友|網友|本人|采访对象|採訪對象)(供图|供圖|提供|绘制|繪製)[)）。.]?$/],
  ['image-credit', /^[(（]?(摄影|攝影|摄影师|攝影師|摄|攝|photo(graph)?s?( by)?|image( by)?|credits?|source)\s*[:：|｜丨/]?\s*\S.{0,40}[)）]?$/i],
  ['image-credit', /^[(（]?(图|圖)(自|来自|來自|源|\/)\s*[@＠]?\S{1,24}[)）]?$/], // 图自@央视财经
];
const SENTENCE_END_ANYWHERE = /[。！？!?]/;

/** Paragraphs this close to either end are where bylines, bios and footers live. */
const EDGE = 3;
/** Longest byline or bio line. */
const BYLINE_MAX = 80;
const BIO_MAX = 160;

/** `撰文 | 张三`, `本文作者为 X`, `（翻译：北京天文馆）`: a role, then a separator or 为/是. */
const BYLINE =
  /^[(（【[]?(?:本文(?:作者|撰文|编辑|編輯|翻译|翻譯|译者|譯者)\s*(?:为|為|是)|(?:作者|撰文|撰稿|文字?|编辑|編輯|主编|主編|编译|編譯|翻译|翻譯|译者|譯者|审校|審校|校对|校對|统筹|統籌|策划|策劃|出品|监制|監製|采访|採訪|整理|口述|摄影|攝影|设计|設計|视觉|視覺|插画|插畫|记者|記者|by)\s*(?:[|｜丨:：/]|\s[-—]\s))\s*\S/i;
/** Someone's self-description with where to follow them: a bio, not the article. */
const ROLE = /作者|专栏作家|專欄作家|撰稿人|博主|主笔|主筆|创始人|創始人|自媒体|自媒體|特约|特約|签约|簽約|up主|笔名|筆名|author|columnist|writer/i;
const CONTACT = /公众号|公眾號|微信号|微信號|微博|知乎|头条号|頭條號|ID\s*[:：]|邮箱|郵箱|@|e-?mail/i;
const HASHTAG_ROLE = /#[^#\s]{0,8}(作家|作者|专栏|專欄)[^#\s]{0,8}#/;
const FOLLOW =
  /(关注|關注|订阅|訂閱|搜索|添加|星标|星標|置顶|置頂).{0,16}(公众号|公眾號|微信|服务号|服務號|视频号|視頻號|知识星球|知識星球|微博)[」』”"）)]?\s*([，,。！!～~]|$|回复|回覆|获取|獲取|了解|查看|领取|領取)|(微信|公众号|公眾號|[Bb]\s?站|知乎|微博)\s*(搜索|搜|关注|關注)|一键三连|一鍵三連|(github|GitHub).{0,60}(已收录|已收錄)/;
const RECRUITING = /招聘|诚聘|誠聘|招募|hiring|加入我们|加入我們|join us/i;
const APPLY = /简历|簡歷|\bCV\b|resume|邮箱|郵箱|@|e-?mail|投递|投遞/i;
const JOB_TITLE = /招聘|诚聘|誠聘|招募|hiring|求职|求職|岗位|崗位|job/i;
const SIGN_OFF =
  /(明天见|明天見|下期见|下期見|下期再见|下期再見|下次见|下次見|一会见|一會見|我们下期|我們下期|今天的.{0,12}(就到这里|就到這裡|到此结束|到此結束)|以上就是.{0,16}(全部内容|全部內容)|感谢(您的)?阅读|感謝(您的)?閱讀|thanks for reading)|^[~～\-—\s]*完[，,。！!]/i;
/** A daily column's opening line: `今天是2021年6月3日，星期四。` */
const COLUMN_GREETING = /^(今天是|今天|今日)\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日.{0,4}(星期|周|週)[一二三四五六日天]/;
/** A date alone on its line, at the top or bottom: the page's date stamp, already in the metadata. */
const DATE_LINE = /^\d{4}\s*[年./-]\s*\d{1,2}\s*[月./-]\s*\d{1,2}\s*日?(\s*(星期|周|週)[一二三四五六日天])?$/;
/** `- EAWorld编辑整理 -`, `原创 yab 物种日历`: who made it, as a line of its own. */
const CREDIT_LINE = /^[-—–~\s]*[\p{L}\p{N}·]{1,20}\s*(编辑整理|編輯整理|整理|编译|編譯|出品|制作|製作)\s*[-—–~]*$|^原创\s+\S{1,20}(\s+\S{1,20})?$/u;
const ABOUT_AUTHOR = /^([一二三四五六七八九十\d]{1,2}[、.．\s]*)?(关于作者|關於作者|作者简介|作者簡介|作者介绍|作者介紹|about the author)\s*[:：]?$/i;
/** `- THE END -`, `（完）`, `END`: the article is over. */
const END_MARKER = /^[-—–_=~·•*<>\s]*(the\s*end|end|全文完|本文完|[（(]?完[)）]?)[-—–_=~·•*<>\s]*$/i;

/** What a trailing credit inside a paragraph looks like: after the last sentence, `摄影师：X`. */
const TRAILING_CREDIT =
  /(?<=[。！？.!?」”])\s*[(（]?(摄影师?|攝影師?|图片?来源|圖片?來源|图源|圖源|photo(graph)?s?\s*(by|credit)?|image\s*credit|credits?)\s*[:：|｜/]\s*[^。！？\n]{1,60}[)）]?\s*$|(?<=[。！？.!?」”])\s*[(（]?(图自|圖自|图源自|圖源自|图片来自|圖片來自)\s*[@＠]?[^。！？\n]{1,30}[)）]?\s*$|\s*[|｜丨]\s*[^|｜丨。！？\n]{0,60}(wikimedia|flickr|getty|unsplash|pixabay|pexels|shutterstock|视觉中国|視覺中國|图虫|圖蟲|cfp|vcg|ap photo|reuters|路透|美联社|美聯社|法新社|新华社|新華社)[^|｜丨。！？\n]{0,40}$/i;

/** Cheap test before TRAILING_CREDIT, which most paragraphs never need. */
const CREDIT_WORD = /[摄攝图圖|｜丨]|photo|image|credit/i;

/** The rule that makes one paragraph furniture on its own, or null. */
export function furnitureRule(text: string): string | null {
  if (isButtonRow(text)) return 'button-row';
  for (const [name, re] of ALWAYS) if (re.test(text)) return name;
  if (text.length <= SHORT) for (const [name, re] of WHEN_SHORT) if (re.test(text)) return name;
  if (text.length <= TINY) for (const [name, re] of WHEN_TINY) if (re.test(text)) return name;
  if (text.length <= TINY && !SENTENCE_END_ANYWHERE.test(text)) for (const [name, re] of LABELS) if (re.test(text)) return name;
  return null;
}

export function isFurnitureParagraph(text: string): boolean {
  return furnitureRule(text) !== null;
}

function isButtonRow(text: string): boolean {
  if (text.length > 60) return false;
  const words = text.split(/[\s|｜/、，,]+/).filter(Boolean);
  return words.length > 0 && words.every((w) => BUTTON_WORDS.has(w));
}

/** The rule for a paragraph that is furniture because of where it stands, or null. */
function positionRule(p: RawParagraph, index: number, count: number, title: string): string | null {
  const text = p.text;
  const nearStart = index < EDGE;
  const nearEnd = index >= count - EDGE;
  if (nearStart || nearEnd) {
    if (text.length <= BYLINE_MAX && (BYLINE.test(text) || CREDIT_LINE.test(text))) return 'byline';
    if (text.length <= BIO_MAX && (HASHTAG_ROLE.test(text) || (ROLE.test(text) && CONTACT.test(text)))) return 'author-bio';
    if (text.length <= SHORT && FOLLOW.test(text)) return 'follow-promotion';
    if (DATE_LINE.test(text)) return 'date-line';
  }
  if (nearStart && text.length <= 60 && COLUMN_GREETING.test(text)) return 'column-greeting';
  if (nearEnd) {
    if (text.length <= 200 && RECRUITING.test(text) && APPLY.test(text) && !JOB_TITLE.test(title)) return 'recruiting-footer';
    if (text.length <= 60 && index >= count - 2 && SIGN_OFF.test(text)) return 'sign-off';
  }
  return null;
}

/** Longest paragraph in caption position that is read as a caption, not as prose. */
const CAPTION_MAX = 50;

export interface FurnitureResult {
  paragraphs: RawParagraph[];
  removed: RemovedParagraph[];
}

/**
 * Removes furniture from an article's paragraphs (code is never touched) and marks short
 * lines in caption position as captions. `title` lets a job advert keep its own call to apply.
 */
export function removeFurniture(paragraphs: readonly RawParagraph[], title: string | null): FurnitureResult {
  const removed: RemovedParagraph[] = [];
  const kept: RawParagraph[] = [];
  const count = paragraphs.length;
  const end = endMarkerAt(paragraphs);
  let lastKept = -1;
  for (let i = 0; i < count; i++) {
    const p = paragraphs[i]!;
    if (end !== null && i >= end) {
      removed.push({ text: p.text, rule: i === end ? 'end-marker' : 'after-end-marker' });
      continue;
    }
    if (p.kind === 'code') {
      kept.push(p);
      lastKept = i;
      continue;
    }
    const rule = furnitureRule(p.text) ?? positionRule(p, i, count, title ?? '');
    if (rule) {
      removed.push({ text: p.text, rule });
      continue;
    }
    let text = p.text;
    const credit = CREDIT_WORD.test(text) ? TRAILING_CREDIT.exec(text) : null;
    if (credit && credit.index > 0) {
      removed.push({ text: credit[0].trim(), rule: 'image-credit' });
      text = text.slice(0, credit.index).trimEnd();
    }
    kept.push({ ...p, text, kind: isCaption(p, text, paragraphs[i + 1]) ? 'caption' : p.kind });
    lastKept = i;
  }
  // `往期推荐`, `相关文件下载`: a heading whose whole section went is furniture's heading.
  const last = kept[kept.length - 1];
  if (last && lastKept < count - 1 && last.kind !== 'code' && isHeadingLike(last)) removed.push({ text: kept.pop()!.text, rule: 'orphan-heading' });
  return dropAboutAuthor(dropRepeatedRuns(kept, removed), removed);
}

/** Longest heading that is removed with the section under it. */
const ORPHAN_HEADING_MAX = 16;

function isHeadingLike(p: RawParagraph): boolean {
  return p.kind === 'heading' || ([...p.text].length <= ORPHAN_HEADING_MAX && !/[。！？.!?，,；;]/.test(p.text) && p.kind === 'text');
}

/** `图 1 – 四层页表结构`, `Fig. 2`: says it belongs to a figure. */
const FIGURE_LABEL = /^(图|圖|表|fig(ure)?\.?)\s*\d/i;

/**
 * A short line right after an image is its caption, unless it is a section heading: a heading
 * introduces the longer text that follows, a caption names the figure.
 */
function isCaption(p: RawParagraph, text: string, next: RawParagraph | undefined): boolean {
  // `发售日期：2021.10.28` after a cover image is a data field, not a caption.
  if (!p.afterImage || [...text].length > CAPTION_MAX || /[。！？!?]$/.test(text) || isDataField(text)) return false;
  if (FIGURE_LABEL.test(text)) return true;
  const introducesText = next !== undefined && next.kind === 'text' && !next.afterImage && next.text.length > text.length * 2;
  return p.kind === 'text' && !introducesText;
}

/** Index of an end marker in the last third of the article, or null. */
function endMarkerAt(paragraphs: readonly RawParagraph[]): number | null {
  const from = Math.floor((paragraphs.length * 2) / 3);
  for (let i = paragraphs.length - 1; i >= Math.max(1, from); i--) {
    if (paragraphs[i]!.kind !== 'code' && END_MARKER.test(paragraphs[i]!.text)) return i;
  }
  return null;
}

/** Shortest repeated run worth removing: short labels (`输出：`) legitimately repeat. */
const REPEAT_MIN_CHARS = 40;

/**
 * A run of paragraphs that appears again word for word (a page that carries its block twice,
 * for mobile and desktop) keeps its first copy.
 */
function dropRepeatedRuns(paragraphs: RawParagraph[], removed: RemovedParagraph[]): RawParagraph[] {
  const firstAt = new Map<string, number>();
  const out: RawParagraph[] = [];
  for (let i = 0; i < paragraphs.length;) {
    const j = firstAt.get(paragraphs[i]!.text);
    if (j !== undefined && paragraphs[i]!.kind !== 'code') {
      let length = 0;
      let chars = 0;
      while (i + length < paragraphs.length && j + length < i && paragraphs[j + length]!.text === paragraphs[i + length]!.text) {
        chars += paragraphs[i + length]!.text.length;
        length++;
      }
      if (chars >= REPEAT_MIN_CHARS) {
        for (let k = 0; k < length; k++) removed.push({ text: paragraphs[i + k]!.text, rule: 'repeated-block' });
        i += length;
        continue;
      }
    }
    if (!firstAt.has(paragraphs[i]!.text)) firstAt.set(paragraphs[i]!.text, i);
    out.push(paragraphs[i]!);
    i++;
  }
  return out;
}

/**
 * An "about the author" heading near the end and the short paragraphs after it go when they
 * tell where to follow the author; a book's "作者简介" that is about its subject stays.
 */
function dropAboutAuthor(paragraphs: RawParagraph[], removed: RemovedParagraph[]): FurnitureResult {
  const from = Math.max(0, paragraphs.length - EDGE - 2);
  for (let i = from; i < paragraphs.length; i++) {
    if (!ABOUT_AUTHOR.test(paragraphs[i]!.text)) continue;
    const rest = paragraphs.slice(i + 1);
    if (rest.length === 0 || rest.length > EDGE || !rest.some((p) => CONTACT.test(p.text))) continue;
    for (const p of paragraphs.slice(i)) removed.push({ text: p.text, rule: 'author-bio' });
    return { paragraphs: paragraphs.slice(0, i), removed };
  }
  return { paragraphs, removed };
}
