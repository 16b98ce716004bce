// Paragraphs that are site furniture rather than article text. Each rule is one pattern with
// both simplified and traditional spellings, so no script conversion is needed at load time.
// Rules that could hit real prose are limited to short paragraphs.

/** Paragraphs that are only share/collect/reward button labels, e.g. `分享 微信 分享 QQ 收藏`. */
const BUTTON_WORDS = new Set([
  '分享', '微信', 'QQ', 'qq', '微博', 'QQ空间', '收藏', '点赞', '點讚', '点赞数', '评论', '評論', '赞赏', '讚賞',
  '打赏', '打賞', '转发', '轉發', '朋友圈', '复制链接', '複製鏈接', '举报', '舉報', '反馈', '反饋', '举报/反馈',
  '舉報/反饋', '扫码分享', '掃碼分享', '返回顶部', '返回頂部', '上一篇', '下一篇',
]);

/** Always boilerplate, whatever the length. */
const ALWAYS: RegExp[] = [
  /^[责責]任[编編][辑輯]\s*[:：]/, // 责任编辑：蒋晓桐
  /^智通[声聲]明\s*[:：]/, // 智通聲明：本內容為作者獨立觀點…
  /^(免责声明|免責聲明|风险提示|風險提示|特别声明|特別聲明)\s*[:：]/,
  /^本文由\s*@.{1,40}原创发布于/, // woshipm reprint notice
  /^题图来自|^題圖來自/,
  /^(封面)?(图片|圖片)(来源|來源)\s*[:：]/, // 图片来源：摄图网
  /^(图源|圖源)\s*[:：]/,
  /^给作者打赏|^給作者打賞/,
];

/** Boilerplate when the paragraph is short (at most SHORT characters). */
const SHORT = 120;
const WHEN_SHORT: RegExp[] = [
  /[编編][辑輯]\s*[:：|｜丨]/, // 智通財經編輯:黃曉冬 / 编辑|刘艳美
  /每经(记者|编辑)/, // 每经记者 杨弃非 每经编辑 刘艳美
  /^(记者|記者)\s*[|｜丨]/,
  /^(校对|校對|责编|責編|审核|審核|排版|实习生|實習生)\s*[:：|｜丨]/,
  /^作者\s*[:：].*(公众号|公眾號|微信|ID\s*[:：])/, // 作者：…；公众号：… (woshipm byline)
  /(未经|未經)(许可|許可|允许|允許|授权|授權|作者许可)/, // 未经许可禁止转载…
  /(禁止|不得|请勿|請勿|谢绝|謝絕)(转载|轉載)|如需(转载|轉載)|(转载|轉載)请|(轉載|转载)須/,
  /原创文章|原創文章/,
  /^本文(来自|來自|转载自|轉載自|编选自|編選自|来源于|來源於)/, // 本文来自我的小伙伴NBD汽车
  /(尽在|盡在).{0,12}(APP|App|app|客户端|客戶端)/, // 海量资讯、精准解读，尽在新浪财经APP
  /(点击|點擊|扫码|掃碼|立即)?(下载|下載).{0,20}(APP|App|app|客户端|客戶端)/, // 请点击下载智通财经App
  /下载少数派|少数派.{0,6}官方店铺|关注.{0,10}公众号，发现更多/,
  /(扫码|掃碼|扫描|掃描|长按|長按).{0,12}(二维码|二維碼|关注|關注|分享|下载|下載)/,
  /炒股开户|开户享福利|金牌投顾/,
  /^(关联阅读|關聯閱讀|相关阅读|相關閱讀|延伸阅读|延伸閱讀|推荐阅读|推薦閱讀|相关文章|相關文章|百万用户都在看)\s*[:：]?$/,
];

/** Boilerplate only as a caption-sized paragraph: real prose may mention a QR code. */
const TINY = 40;
const WHEN_TINY: RegExp[] = [/二维码|二維碼/];

export function isBoilerplateParagraph(text: string): boolean {
  if (isButtonRow(text)) return true;
  for (const re of ALWAYS) if (re.test(text)) return true;
  if (text.length <= SHORT) for (const re of WHEN_SHORT) if (re.test(text)) return true;
  if (text.length <= TINY) for (const re of WHEN_TINY) if (re.test(text)) return true;
  return false;
}

function isButtonRow(text: string): boolean {
  if (text.length > 60) return false;
  const words = text.split(/[\s|｜/]+/).filter(Boolean);
  return words.length > 0 && words.every((w) => BUTTON_WORDS.has(w));
}
