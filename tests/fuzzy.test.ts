// Name keys and suggestions: what makes "Ascend 910C", "ascend-910c" and "ascend910c" the same.
import { describe, expect, it } from 'vitest';
import { editDistance, nameKey, nearest } from '../src/core/fuzzy.ts';

describe('nameKey', () => {
  it.each([
    ['Ascend 910C', 'ascend910c'],
    ['ascend-910c', 'ascend910c'],
    ['ＡＳＣＥＮＤ　９１０Ｃ', 'ascend910c'],
    ['Moore Threads', 'moorethreads'],
    ['昇腾 910C', '昇腾910c'],
    ['T-Head', 'thead'],
  ])('%s → %s', (a, b) => expect(nameKey(a)).toBe(b));
});

describe('editDistance', () => {
  it('counts a transposition as one edit', () => {
    expect(editDistance('huawei', 'huawie')).toBe(1);
    expect(editDistance('cambricon', 'cambrcion')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('寒武纪', '寒武')).toBe(1);
  });
});

describe('nearest', () => {
  const names = ['alibaba', 'huawei', 'cambricon', 'metax', 'moorethreads', 'biren', 'hygon'];
  it('GIVEN a misspelling THEN the intended name first', () => {
    expect(nearest('cambrikon', names, (x) => x)[0]).toBe('cambricon');
    expect(nearest('hauwei', names, (x) => x)[0]).toBe('huawei');
  });
  it('GIVEN a prefix THEN prefix matches first', () => {
    expect(nearest('moore', names, (x) => x)[0]).toBe('moorethreads');
  });
  it('GIVEN nonsense THEN nothing', () => {
    expect(nearest('zzzzzzzz', names, (x) => x)).toEqual([]);
    expect(nearest('', names, (x) => x)).toEqual([]);
  });
});
