// opencc-js 1.4.2 ships .d.ts files, but their extension-less relative imports ('./core') do not
// resolve under NodeNext, so its API silently types as `any`. This narrow declaration covers what
// the triage normaliser uses — the converter (kept as the reference the tests compare with) and
// the locale configs whose dictionaries han-converter.ts compiles — and takes precedence over the
// broken bundled types.
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

  /** One dictionary: "key value[ other candidates]|key value…", or [key, value] pairs. */
  export type OpenCcDictLike = string | ReadonlyArray<readonly [string, string]>;
  /** Dictionaries merged into one trie; on a key present in several, the first dictionary wins. */
  export type OpenCcDictGroup = readonly OpenCcDictLike[];

  /** How a locale pair converts: optional normalisation, optional segmentation, then a chain of tries. */
  export interface OpenCcConversionConfig {
    readonly normalizationChain?: readonly OpenCcDictGroup[];
    readonly segmentation?: OpenCcDictLike | OpenCcDictGroup;
    readonly conversionChain: readonly OpenCcDictGroup[];
  }

  /** The bundled locale data; `configs` is keyed like "s2tw" (Simplified → Taiwan). */
  export const Locale: {
    readonly configs: Readonly<Record<string, OpenCcConversionConfig | undefined>>;
  };
}
