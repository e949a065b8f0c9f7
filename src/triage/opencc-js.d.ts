// opencc-js 1.4.2 ships .d.ts files, but their extension-less relative imports ('./core') do not
// resolve under NodeNext, so its API silently types as `any`. This narrow declaration covers the
// one entry point the triage normaliser uses and takes precedence over the broken bundled types.
declare module 'opencc-js/cn2t' {
  /** Converts a whole string; phrase dictionaries choose between candidates (头发 → 頭髮, 发展 → 發展). */
  export type ConverterFunction = (text: string) => string;

  /** Locale pair, e.g. `{ from: 'cn', to: 'tw' }` for Simplified → Taiwan Traditional. */
  export interface ConverterOptions {
    from: 'cn';
    to: 't' | 'tw' | 'twp' | 'hk' | 'hkp' | 'jp';
  }

  /** Builds a converter for the locale pair; building loads the dictionaries (about half a second). */
  export function Converter(options: ConverterOptions): ConverterFunction;
}
