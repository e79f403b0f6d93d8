import { describe, expect, it } from 'vitest';
import { csvField, safeFileName, toCsv } from './csv';

describe('toCsv', () => {
  it('starts with a UTF-8 byte-order mark and ends every line with CRLF', () => {
    const csv = toCsv({ headers: ['阶段', '数量'], rows: [['评审', 9]] });
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toBe('\uFEFF"阶段","数量"\r\n"评审","9"\r\n');
    // Encoded, the BOM is EF BB BF: what Excel looks for to read UTF-8.
    const bytes = new TextEncoder().encode(csv);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('keeps commas, quotes and line breaks inside their cell', () => {
    const csv = toCsv({
      headers: ['客户', 'note'],
      rows: [['华东精密机械, 上海', 'He said "yes"\nthen left']],
    });
    expect(csv).toBe(
      '\uFEFF"客户","note"\r\n"华东精密机械, 上海","He said ""yes""\nthen left"\r\n',
    );
  });

  it('writes Chinese text unchanged, and empty cells for missing values', () => {
    const csv = toCsv({ headers: ['月份', '加权金额'], rows: [['未填写预计成交日期', null]] });
    expect(csv).toContain('"未填写预计成交日期",""');
    // A UTF-8 reader takes the BOM as the encoding mark, not as text, and gets the Chinese back.
    const decoded = new TextDecoder('utf-8').decode(new TextEncoder().encode(csv));
    expect(decoded).toBe(csv.slice(1));
    expect(decoded.startsWith('"月份"')).toBe(true);
  });

  it('defuses text that Excel would run as a formula, but not negative numbers', () => {
    const csv = toCsv({
      headers: ['a', 'b'],
      rows: [
        ['=HYPERLINK("x")', -5],
        ['-12.50', '-1+1'],
      ],
    });
    expect(csv).toContain(`"'=HYPERLINK(""x"")","-5"`);
    expect(csv).toContain(`"-12.50","'-1+1"`);
  });

  it('quotes a lone field the same way', () => {
    expect(csvField('a"b')).toBe('"a""b"');
    expect(csvField(undefined)).toBe('""');
    expect(csvField(0)).toBe('"0"');
  });
});

describe('safeFileName', () => {
  it('removes characters Windows refuses, keeping Chinese', () => {
    expect(safeFileName('销售漏斗 2026/11: 本月?')).toBe('销售漏斗 2026-11- 本月-');
    expect(safeFileName('  ')).toBe('export');
  });
});
