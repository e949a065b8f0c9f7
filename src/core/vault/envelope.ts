/**
 * The at-rest format of one evidence object (AES-256-GCM, envelope encryption):
 *
 *   "CSEPVLT1" | wrapIv(12) | wrappedDataKey(32) | wrapTag(16) | dataIv(12) | ciphertext … | dataTag(16)
 *
 * Each object has its own random data key, wrapped by the master key; the header is the data
 * cipher's additional authenticated data, so no header byte can change unnoticed.
 */
import { createCipheriv, createDecipheriv, randomBytes, type CipherGCM, type DecipherGCM } from 'node:crypto';

export const ENVELOPE_MAGIC = Buffer.from('CSEPVLT1', 'ascii');
export const HEADER_BYTES = 8 + 12 + 32 + 16 + 12;
export const TAG_BYTES = 16;
const WRAP_AAD = Buffer.from('csep-vault-data-key-v1', 'ascii');

/** A fresh data key and the header that carries it wrapped; plus the cipher for the content. */
export function beginEncryption(masterKey: Buffer): { header: Buffer; cipher: CipherGCM } {
  const dataKey = randomBytes(32);
  const wrapIv = randomBytes(12);
  const wrap = createCipheriv('aes-256-gcm', masterKey, wrapIv);
  wrap.setAAD(WRAP_AAD);
  const wrapped = Buffer.concat([wrap.update(dataKey), wrap.final()]);
  const dataIv = randomBytes(12);
  const header = Buffer.concat([ENVELOPE_MAGIC, wrapIv, wrapped, wrap.getAuthTag(), dataIv]);
  const cipher = createCipheriv('aes-256-gcm', dataKey, dataIv);
  cipher.setAAD(header);
  dataKey.fill(0);
  return { header, cipher };
}

/** Opens a header: unwraps the data key and returns a decipher expecting `tag` at the end. */
export function beginDecryption(masterKey: Buffer, header: Buffer, tag: Buffer): DecipherGCM {
  if (header.length !== HEADER_BYTES || !header.subarray(0, 8).equals(ENVELOPE_MAGIC)) {
    throw new Error('not a vault object (bad header)');
  }
  const wrapIv = header.subarray(8, 20);
  const wrapped = header.subarray(20, 52);
  const wrapTag = header.subarray(52, 68);
  const dataIv = header.subarray(68, 80);
  const unwrap = createDecipheriv('aes-256-gcm', masterKey, wrapIv);
  unwrap.setAAD(WRAP_AAD);
  unwrap.setAuthTag(wrapTag);
  let dataKey: Buffer;
  try {
    dataKey = Buffer.concat([unwrap.update(wrapped), unwrap.final()]);
  } catch {
    throw new Error('the object\'s data key does not open with this master key');
  }
  const decipher = createDecipheriv('aes-256-gcm', dataKey, dataIv);
  decipher.setAAD(header);
  decipher.setAuthTag(tag);
  dataKey.fill(0);
  return decipher;
}
