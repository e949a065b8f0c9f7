/**
 * Web capture library (G6.1 patrol evidence): `captureUrl` writes a signed capture directory,
 * `verifyCaptureDir` checks one offline. See docs/capture-manifest.md.
 */
export { CAPTURE_FILES, CHROMIUM_ARGS, CaptureError, TOOL, captureUrl } from './capture.ts';
export type { CaptureErrorCode, CaptureOptions, CaptureResult, CaptureTimeouts } from './capture.ts';
export { canonicalJson, canonicalJsonBytes } from './canonical-json.ts';
export { extractFromHtml, pageTextFromHtml } from './extractors/index.ts';
export type { Extracted, Sourced } from './extractors/index.ts';
export { MANIFEST_FILE, manifestSignatureValid, signedBytes } from './manifest.ts';
export type { CaptureManifest, ManifestFile, TlsInfo } from './manifest.ts';
export {
  generateSigningKey,
  keyId,
  loadOrCreateSigningKey,
  publicKeyBase64,
  publicKeyFromBase64,
  publicKeyPem,
  signingKeyFromPem,
} from './signing-key.ts';
export type { LoadedSigningKey, SigningKey } from './signing-key.ts';
export { SsrfGuard, SsrfRefusedError, classifyAddress, parseAllowList } from './ssrf-guard.ts';
export { verifyCaptureDir } from './verify.ts';
export type { VerifyFailure, VerifyFailureCode, VerifyOptions } from './verify.ts';
