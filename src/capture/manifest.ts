/**
 * The capture manifest: what was captured, when, from where, with which tool, the hash of every
 * file, and an Ed25519 signature over the canonical JSON of everything except `signature` and
 * `public_key`. Field reference: docs/capture-manifest.md.
 */
import { createHash } from 'node:crypto';
import { canonicalJsonBytes } from './canonical-json.ts';
import type { Extracted } from './extractors/types.ts';
import { keyId, publicKeyBase64, signBytes, verifyBytes } from './signing-key.ts';
import type { SigningKey } from './signing-key.ts';

/** Name of the manifest file inside a capture directory. */
export const MANIFEST_FILE = 'manifest.json';

/** Current manifest schema version. */
export const MANIFEST_VERSION = 1;

/** One file of the capture. */
export interface ManifestFile {
  name: string;
  sha256: string;
  bytes: number;
}

/** TLS facts of the main document (https only). */
export interface TlsInfo {
  protocol: string | null;
  subject: string | null;
  issuer: string | null;
  valid_from: string | null;
  valid_to: string | null;
  subject_alt_names: string[];
  serial_number: string | null;
  /** sha256 over the DER leaf certificate, colon-separated upper-case hex (as openssl prints it). */
  sha256_fingerprint: string | null;
  chain_sha256: string[];
  /** Where the fingerprint came from, or why it is missing. */
  fingerprint_source: string;
}

/** A request the capture refused or that failed. */
export interface RequestNote {
  url: string;
  stage: 'redirect' | 'subrequest' | 'navigation';
  code: string;
  reason: string;
}

/** A hop of the main document's redirect chain. */
export interface RedirectHop {
  url: string;
  status: number;
  location: string | null;
  server_ip: string | null;
}

/** The signed manifest. All fields are always present (null when unknown). */
export interface CaptureManifest {
  manifest_version: number;
  url: string;
  final_url: string;
  http_status: number;
  status_text: string;
  title: string;
  server_ip: string | null;
  server_port: number | null;
  server_ip_source: string;
  tls: TlsInfo | null;
  response_headers: Array<{ name: string; value: string }>;
  redirect_chain: RedirectHop[];
  captured_at: string;
  started_at: string;
  finished_at: string;
  time_zone: string;
  browser: { name: string; version: string };
  tool: { name: string; version: string; playwright_core: string };
  viewport: { width: number; height: number };
  user_agent: string;
  screenshot_capped: boolean;
  screenshot: { width: number; height: number; original_height: number; max_height: number };
  /** Whether the load event fired and the network went quiet before the snapshot was taken. */
  page_state: { load_event: boolean; network_quiet: boolean };
  limits: { max_bytes: number; bytes_received: number; byte_cap_reached: boolean };
  attempts: Array<{ attempt: number; started_at: string; error: string | null }>;
  refused_requests: RequestNote[];
  failed_requests: RequestNote[];
  warc: { file: string; records: number; exchanges: number };
  files: ManifestFile[];
  extracted: Extracted;
  signature_algorithm: 'Ed25519';
  key_id: string;
  signature: string;
  public_key: string;
}

/** The manifest without the two fields the signature cannot cover. */
export type UnsignedManifest = Omit<CaptureManifest, 'signature' | 'public_key'>;

/** sha256 hex of `data`. */
export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The exact bytes that are signed: canonical JSON of the manifest minus `signature`/`public_key`. */
export function signedBytes(manifest: UnsignedManifest | CaptureManifest): Buffer {
  const { signature: _s, public_key: _p, ...rest } = manifest as CaptureManifest;
  return canonicalJsonBytes(rest);
}

/** Adds `key_id`, `signature` and `public_key` to a manifest. */
export function signManifest(unsigned: Omit<UnsignedManifest, 'key_id' | 'signature_algorithm'>, key: SigningKey): CaptureManifest {
  const body: UnsignedManifest = { ...unsigned, signature_algorithm: 'Ed25519', key_id: keyId(key) };
  return { ...body, signature: signBytes(key, signedBytes(body)), public_key: publicKeyBase64(key) };
}

/** True when the manifest's signature verifies against its embedded public key. */
export function manifestSignatureValid(manifest: CaptureManifest): boolean {
  if (typeof manifest.signature !== 'string' || typeof manifest.public_key !== 'string') return false;
  let data: Buffer;
  try {
    data = signedBytes(manifest);
  } catch {
    return false;
  }
  return verifyBytes(manifest.public_key, data, manifest.signature);
}

/** Serialises a manifest for disk: pretty JSON (the signature covers the canonical form, not these bytes). */
export function manifestFileBytes(manifest: CaptureManifest): Buffer {
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
}
