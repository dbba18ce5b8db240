const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** Read 一 … 九十九 (or ASCII digits) as a number; plan headings are numbered this way. Returns undefined when it is not a numeral. */
export function parseChineseNumeral(s: string): number | undefined {
  const t = s.trim();
  if (/^\d+$/.test(t)) return Number(t);
  if (!t || !/^[零〇一二两三四五六七八九十百]+$/.test(t)) return undefined;
  let total = 0;
  let current = 0;
  for (const ch of t) {
    if (ch === '百') {
      total += (current || 1) * 100;
      current = 0;
    } else if (ch === '十') {
      total += (current || 1) * 10;
      current = 0;
    } else {
      const d = DIGITS[ch];
      if (d === undefined) return undefined;
      current = current * 10 + d;
    }
  }
  return total + current;
}

const NUMERALS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** Write 1 … 99 as a Chinese numeral, for headings such as 第五部分. */
export function toChineseNumeral(n: number): string {
  if (n < 10) return NUMERALS[n] ?? String(n);
  if (n < 20) return '十' + (n % 10 ? NUMERALS[n % 10] : '');
  if (n < 100) return (NUMERALS[Math.floor(n / 10)] ?? '') + '十' + (n % 10 ? NUMERALS[n % 10] : '');
  return String(n);
}
