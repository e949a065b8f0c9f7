import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { safeOriginalFilename, sniffMediaType } from './media-type.ts';

describe('media type sniffing', () => {
  it('recognises generated images by their bytes, whatever the client claims', async () => {
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#336699' } }).png().toBuffer();
    const jpeg = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#336699' } }).jpeg().toBuffer();
    const webp = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#336699' } }).webp().toBuffer();
    const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#336699' } }).gif().toBuffer();
    expect(sniffMediaType(png)).toBe('image/png');
    expect(sniffMediaType(jpeg)).toBe('image/jpeg');
    expect(sniffMediaType(webp)).toBe('image/webp');
    expect(sniffMediaType(gif)).toBe('image/gif');
  });

  it('recognises PDFs, archives, videos and text', () => {
    expect(sniffMediaType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffMediaType(Buffer.from('PK\u0003\u0004rest'))).toBe('application/zip');
    expect(sniffMediaType(Buffer.from([0, 0, 0, 0x18, ...Buffer.from('ftypmp42')]))).toBe('video/mp4');
    expect(sniffMediaType(Buffer.from([0, 0, 0, 0x18, ...Buffer.from('ftypqt  ')]))).toBe('video/quicktime');
    expect(sniffMediaType(Buffer.from('2025/11/20 21:15\t阿傑\t哈囉\n'))).toBe('text/plain');
    expect(sniffMediaType(Buffer.from([0x00, 0x01, 0x02, 0xff]))).toBe('application/octet-stream');
  });

  it('keeps only a safe last path segment of a file name', () => {
    expect(safeOriginalFilename('../../etc/passwd')).toBe('passwd');
    expect(safeOriginalFilename('C:\\Users\\x\\截圖 1.png')).toBe('截圖 1.png');
    expect(safeOriginalFilename('..\u0000hidden')).toBe('hidden');
    expect(safeOriginalFilename('../')).toBeNull();
    expect(safeOriginalFilename(undefined)).toBeNull();
  });
});
