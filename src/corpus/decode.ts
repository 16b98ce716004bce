// Bytes → text. Chinese archives are mostly UTF-8 but GBK files turn up; binary files must
// be refused, not indexed as garbage. Errors are one line: the loader lists them as skipped.

const utf8 = new TextDecoder('utf-8', { fatal: true });
const gbk = new TextDecoder('gbk', { fatal: true });

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gbk';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

export class UnreadableFileError extends Error {
  override name = 'UnreadableFileError';
}

/** Decode a file's bytes; throws UnreadableFileError with a one-line reason. */
export function decodeArticleBytes(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  if (bytes.indexOf(0) !== -1) {
    // UTF-16 without a BOM: ASCII characters have a NUL half.
    const utf16 = decodeUtf16WithoutBom(bytes);
    if (utf16) return utf16;
    throw new UnreadableFileError('binary content (contains NUL bytes)');
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    try {
      return { text: decodeGbk(bytes), encoding: 'gbk' };
    } catch (error) {
      // All-Chinese UTF-16 has no NUL byte at all; GBK goes first, as it is far more common.
      const utf16 = decodeUtf16WithoutBom(bytes);
      if (utf16) return utf16;
      throw error;
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (looksBinary(text)) throw new UnreadableFileError('binary content (control characters)');
  return { text, encoding: 'utf-8' };
}

const utf16Decoders = {
  'utf-16le': new TextDecoder('utf-16le', { fatal: true }),
  'utf-16be': new TextDecoder('utf-16be', { fatal: true }),
} as const;

/** Share of characters that must be text (ASCII printable, whitespace, CJK) to call a decoding right. */
const UTF16_TEXT_SHARE = 0.95;

/** Decodes as UTF-16LE or BE, whichever gives text; null when neither does. */
function decodeUtf16WithoutBom(bytes: Uint8Array): DecodedText | null {
  if (bytes.length < 2 || bytes.length % 2 !== 0) return null;
  for (const encoding of ['utf-16le', 'utf-16be'] as const) {
    let text: string;
    try {
      text = utf16Decoders[encoding].decode(bytes);
    } catch {
      continue; // unpaired surrogates: not this byte order
    }
    let textual = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if ((c >= 0x20 && c < 0x7f) || c === 9 || c === 10 || c === 13 || isCjkOrCjkPunctuation(c)) textual++;
    }
    if (textual >= text.length * UTF16_TEXT_SHARE) return { text, encoding };
  }
  return null;
}

function decodeGbk(bytes: Uint8Array): string {
  let text: string;
  try {
    text = gbk.decode(bytes);
  } catch {
    throw new UnreadableFileError('not valid UTF-8, and not valid GBK either');
  }
  // Any byte soup decodes as GBK; accept it only when the non-ASCII part is mostly Chinese.
  let nonAscii = 0;
  let cjk = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) continue;
    nonAscii++;
    if (isCjkOrCjkPunctuation(cp)) cjk++;
  }
  if (nonAscii === 0 || cjk / nonAscii < 0.9) {
    throw new UnreadableFileError('not valid UTF-8, and decoding as GBK does not give Chinese text');
  }
  if (looksBinary(text)) throw new UnreadableFileError('binary content (control characters)');
  return text;
}

function isCjkOrCjkPunctuation(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) || // CJK unified ideographs
    (cp >= 0x3400 && cp <= 0x4dbf) || // extension A
    (cp >= 0x3000 && cp <= 0x303f) || // CJK punctuation
    (cp >= 0xff00 && cp <= 0xffef) || // full-width forms
    (cp >= 0x2010 && cp <= 0x2027) // dashes, quotes, ellipsis
  );
}

/** More than 1% C0 control characters (other than tab, LF, CR, FF) means it is not text. */
function looksBinary(text: string): boolean {
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12) control++;
  }
  return control > text.length / 100;
}
