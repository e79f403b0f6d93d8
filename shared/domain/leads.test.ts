import { describe, expect, it } from 'vitest';
import {
  duplicateMatch,
  leadGrade,
  leadScore,
  normalizeCompany,
  normalizeEmail,
  normalizePhone,
  type LeadScorecard,
} from './leads';

const card = (
  budget: LeadScorecard['budget'],
  authority: LeadScorecard['authority'],
  need: LeadScorecard['need'],
  timeline: LeadScorecard['timeline'],
): LeadScorecard => ({ budget, authority, need, timeline });

describe('lead scorecard', () => {
  it('scores yes 2, partly 1, no 0 per criterion', () => {
    expect(leadScore(card('yes', 'yes', 'yes', 'yes'))).toBe(8);
    expect(leadScore(card('no', 'no', 'no', 'no'))).toBe(0);
    expect(leadScore(card('yes', 'partly', 'no', 'partly'))).toBe(4);
  });

  it('grades 6–8 hot, 3–5 warm, 0–2 cold, at the exact thresholds', () => {
    expect(leadGrade(card('yes', 'yes', 'yes', 'yes'))).toBe('hot');
    expect(leadGrade(card('yes', 'yes', 'yes', 'no'))).toBe('hot'); // 6
    expect(leadGrade(card('yes', 'partly', 'yes', 'no'))).toBe('warm'); // 5
    expect(leadGrade(card('partly', 'partly', 'partly', 'no'))).toBe('warm'); // 3
    expect(leadGrade(card('partly', 'no', 'partly', 'no'))).toBe('cold'); // 2
    expect(leadGrade(card('no', 'no', 'no', 'no'))).toBe('cold');
  });

  it('grades a lead without a need cold, whatever else it scores', () => {
    expect(leadScore(card('yes', 'yes', 'no', 'yes'))).toBe(6);
    expect(leadGrade(card('yes', 'yes', 'no', 'yes'))).toBe('cold');
  });
});

describe('duplicate matching', () => {
  it('treats company names alike regardless of case, spaces, width and legal form', () => {
    const same = [
      '华为技术有限公司',
      ' 华为技术 ',
      '华为技术股份有限公司',
      '华为 技术（中国）有限公司',
      '华为技术(中国)',
    ];
    for (const name of same) expect(normalizeCompany(name)).toBe('华为技术');
    expect(normalizeCompany('Huawei Technologies Co., Ltd.')).toBe('huaweitechnologies');
    expect(normalizeCompany('ＨＵＡＷＥＩ technologies co ltd')).toBe('huaweitechnologies');
    expect(normalizeCompany('Huawei Technologies, Inc.')).toBe('huaweitechnologies');
    expect(normalizeCompany('huawei   TECHNOLOGIES limited')).toBe('huaweitechnologies');
  });

  it('keeps letters that only look like a legal form inside a word', () => {
    expect(normalizeCompany('Tesco')).toBe('tesco');
    expect(normalizeCompany('Costco Inc')).toBe('costco');
    expect(normalizeCompany('华为')).not.toBe(normalizeCompany('华为技术'));
  });

  it('compares phones by their digits, without the China country code', () => {
    expect(normalizePhone('+86 138-0013-8000')).toBe('13800138000');
    expect(normalizePhone('138 0013 8000')).toBe('13800138000');
    expect(normalizePhone('0086 13800138000')).toBe('13800138000');
    expect(normalizePhone('(021) 5080-1234')).toBe('02150801234');
    expect(normalizePhone('１３８００１３８０００')).toBe('13800138000');
    expect(normalizePhone('分机 123')).toBe('');
  });

  it('compares emails ignoring case and surrounding spaces', () => {
    expect(normalizeEmail(' Li.Lei@Example.COM ')).toBe('li.lei@example.com');
  });

  it('names every field that matched, and none for empty values', () => {
    expect(
      duplicateMatch(
        { company: '华为技术有限公司', phone: '+86 13800138000', email: 'LI@hw.com' },
        { company: '华为技术', phone: '138-0013-8000', email: 'li@hw.com' },
      ),
    ).toEqual(['company', 'phone', 'email']);
    expect(
      duplicateMatch({ phone: '13800138000' }, { company: '华为', phone: '13800138001' }),
    ).toEqual([]);
    expect(duplicateMatch({ company: '', email: '' }, { company: '', email: '' })).toEqual([]);
    expect(duplicateMatch({ company: '公司' }, { company: '公司' })).toEqual(['company']);
  });
});
