// Words that carry no topic: dropped from queries, and (the most frequent ones) from the index.
// Simplified forms only: every term is normalised to simplified before it gets here.

/** Function words so frequent that indexing them only costs memory. */
// prettier-ignore
export const INDEX_STOP_WORDS = new Set([
  '的', '了', '和', '是', '在', '与', '及', '或', '也', '都', '而', '就', '将', '对', '等', '为', '把', '被', '之', '于', '其',
  'the', 'a', 'an', 'of', 'and', 'or', 'to', 'in', 'is', 'are', 'on', 'for',
]);

/** Question and filler words a person types around the real query. */
// prettier-ignore
const QUERY_ONLY_STOP_WORDS = [
  '什么', '啥', '哪', '哪里', '哪儿', '哪个', '哪些', '哪位', '哪家', '哪年', '谁', '多少', '几', '几个', '如何', '怎么', '怎样', '怎么样',
  '为什么', '为何', '何时', '何地', '何', '吗', '呢', '吧', '啊', '呀', '么', '请问', '请', '告诉', '我', '我们', '你', '你们',
  '一下', '有', '有没有', '是不是', '哪一', '这', '那', '这个', '那个', '一个', '关于', '什么样', '多久', '多大', '多长',
  '时候', '什么时候', '时间', '地方', '了吗', '么样', '是否', '能否', '可以', '应该', '会', '要', '说', '讲', '提到', '表示',
  'what', 'who', 'when', 'where', 'why', 'how', 'which', 'does', 'do', 'did', 'was', 'were', 'i', 'you', 'me', 'please', 'about',
];

export const QUERY_STOP_WORDS = new Set([...INDEX_STOP_WORDS, ...QUERY_ONLY_STOP_WORDS]);
