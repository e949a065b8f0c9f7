import { Converter, Locale } from 'opencc-js/cn2t';
import { describe, expect, it } from 'vitest';
import { compileSimplifiedToTaiwan } from './han-converter.ts';

// The reference: opencc-js's own converter. han-converter.ts must give exactly its output.
const reference = Converter({ from: 'cn', to: 'tw' });
const conversion = compileSimplifiedToTaiwan();

/** Deterministic PRNG (mulberry32), so a failure reproduces. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

function unitsOf(text: string): Uint16Array {
  const units = new Uint16Array(text.length);
  for (let index = 0; index < text.length; index += 1) units[index] = text.charCodeAt(index);
  return units;
}

/** Keys of the s2tw phrase tables: text dense in phrases exercises segmentation and longest match. */
function phraseKeys(): string[] {
  const config = Locale.configs.s2tw!;
  const keys: string[] = [];
  for (const group of config.conversionChain) {
    for (const dictionary of group) {
      if (typeof dictionary !== 'string') continue;
      for (const line of dictionary.split('|')) keys.push(line.split(' ')[0]!);
    }
  }
  return keys;
}

describe('compileSimplifiedToTaiwan', () => {
  it.each([
    ['', 'empty'],
    ['小红书 头发 发展 约炮', 'phrase context (头发 → 頭髮, 发展 → 發展)'],
    ['援助交際 學生妹', 'Traditional text'],
    ['丹尼·博伊尔', 'a phrase with a non-Han character'],
    ['㓆援', 'a BMP character that becomes a surrogate pair'],
    ['⿰木木发 ⿱⿰木木木头发 ⿰发', 'ideographic description sequences, nested and cut short'],
    ['头⿰发展', 'a phrase starting inside a description sequence'],
    ['𠮷发 发𠮷', 'astral characters next to converted ones'],
    ['\ud800发 发\udc00 \udc00\ud800', 'lone surrogates'],
    ['\uF900\uF901发', 'compatibility ideographs (the normalisation chain)'],
    ['Hello, 世界! 着 里 后 台', 'Latin text and Taiwan variants'],
  ])('gives what opencc-js gives: %s (%s)', (input) => {
    expect(conversion.convert(input)).toBe(reference(input));
  });

  it('returns the very same string when nothing changes, and null from convertUnits', () => {
    const traditional = '援助交際 學生妹';
    expect(conversion.convert(traditional)).toBe(traditional);
    expect(conversion.convertUnits(unitsOf(traditional), traditional.length)).toBeNull();
  });

  it('converts code units in place of a string, reading only the given length', () => {
    const units = unitsOf('头发 发展 tail that is not read');
    const converted = conversion.convertUnits(units, 5);
    expect(converted).not.toBeNull();
    expect(String.fromCharCode(...converted!.units.subarray(0, converted!.length))).toBe(reference('头发 发展'));
  });

  it('agrees with opencc-js on generated phrase-dense, mixed and malformed text', () => {
    const random = createRandom(20251129);
    const keys = phraseKeys();
    const pieces = [
      () => keys[Math.floor(random() * keys.length)]!,
      // A phrase cut short or run into the next one: longest match must back off correctly.
      () => {
        const key = keys[Math.floor(random() * keys.length)]!;
        return key.slice(0, Math.max(1, Math.floor(random() * key.length)));
      },
      () => '发头台里后着面干几只系出了',
      () => ['⿰', '⿱', '⿲', '⿻', '〾'][Math.floor(random() * 5)]!,
      () => ['𠮷', '𠀀', '\ud800', '\udc00', '\uF900'][Math.floor(random() * 5)]!,
      () => [' ', '·', 'a', 'LINE', '，', '\n'][Math.floor(random() * 6)]!,
    ];
    const samples: string[] = [];
    for (let sample = 0; sample < 400; sample += 1) {
      let text = '';
      for (let piece = Math.floor(random() * 12); piece >= 0; piece -= 1) text += pieces[Math.floor(random() * pieces.length)]!();
      samples.push(text);
    }
    for (const text of samples) expect(conversion.convert(text), JSON.stringify(text)).toBe(reference(text));
    // One long text, so that buffers grow and segments run into one another.
    const long = samples.join('');
    expect(conversion.convert(long)).toBe(reference(long));
  });
});
