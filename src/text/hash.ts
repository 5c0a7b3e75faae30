import { createHash } from 'node:crypto';

/** SHA-256 digest (32 bytes) of a UTF-8 string or of raw bytes. */
export function sha256Bytes(input: string | Uint8Array): Buffer {
  return createHash('sha256').update(input).digest();
}

/** SHA-256 of a UTF-8 string or of raw bytes, as 64 lower-case hex characters. */
export function sha256Hex(input: string | Uint8Array): string {
  return createHash('sha256').update(input).digest('hex');
}
