import { describe, expect, it } from 'vitest';
import { EMPTY_MASK, maskName } from './mask-name.ts';

describe('maskName (G6.3.6: a reporter is only ever shown masked)', () => {
  it.each([
    ['王小明', '王O明'],
    ['歐陽小明', '歐OO明'],
    ['王明', '王O'],
    ['司馬相如文', '司OOO文'],
    [' 王 小 明 ', '王O明'],
    ['巴奈·庫穗', '巴O·O穗'],
    ['王', 'O'],
    ['𠀋小明', '𠀋O明'],
  ])('masks the Chinese name %s as %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it.each([
    ['John Smith', 'J*** S****'],
    ['  John   Smith ', 'J*** S****'],
    ['Ana', 'A**'],
    ['J', 'J'],
    ['Mary-Jane Watson', 'M******** W*****'],
    ['Nguyễn Văn An', 'N***** V** A*'],
    ['John 王', 'J*** 王'],
  ])('masks the name %s as %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it('shows a dash for an empty name', () => {
    expect(maskName('')).toBe(EMPTY_MASK);
    expect(maskName('   ')).toBe('—');
  });

  it('never contains the hidden characters of a Chinese name', () => {
    for (const name of ['王小明', '歐陽小明', '諸葛孔明亮']) {
      const masked = maskName(name);
      for (const char of Array.from(name).slice(1, -1)) expect(masked.includes(char), `${name}: ${char}`).toBe(false);
    }
  });
});
