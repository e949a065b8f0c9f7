/**
 * Checks an upload's leading bytes before anything is kept (uploads are hostile input, STYLE rule
 * 13): the type must be one officers upload, an image's declared size must not be a pixel flood,
 * and EXIF date and device are kept as metadata.
 */
import exifReader from 'exif-reader';
import sharp from 'sharp';
import { AppError } from '../../core/errors.ts';
import { IMAGE_TYPES, sniffMediaType, UPLOADABLE_TYPES } from './media-type.ts';

/** Enough leading bytes to read any image header, including JPEG EXIF blocks. */
export const UPLOAD_HEAD_BYTES = 256 * 1024;
/** 100 megapixels: above any phone screenshot, below what would exhaust memory when decoded. */
export const MAX_IMAGE_PIXELS = 100_000_000;

export type UploadFacts = {
  mediaType: string;
  width?: number;
  height?: number;
  exif?: { takenAt?: string; make?: string; model?: string; software?: string };
};

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.replace(/\0+$/, '').trim().slice(0, 100) : undefined;
}

function assertPixelCount(width: number, height: number, filename: string | null): void {
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new AppError('UPLOAD_REFUSED', `影像像素過多 (image too large: ${width}×${height} pixels, limit ${MAX_IMAGE_PIXELS}): ${filename ?? 'upload'}`);
  }
}

/** Inspects an upload's head; throws a clear AppError when it must be refused. */
export async function inspectUploadHead(head: Buffer, filename: string | null): Promise<UploadFacts> {
  const mediaType = sniffMediaType(head);
  if (!UPLOADABLE_TYPES.has(mediaType)) {
    throw new AppError(
      'UPLOAD_TYPE_NOT_ALLOWED',
      `不接受此類檔案 (file type not accepted): ${filename ?? 'upload'} is ${mediaType}; accepted: images, screen recordings (MP4/MOV/WebM) and PDF`,
    );
  }
  if (!IMAGE_TYPES.has(mediaType) || mediaType === 'image/heic') return { mediaType };
  // PNG declares its size in the first chunk; check it before any decoder looks at the file.
  if (mediaType === 'image/png' && head.length >= 24) assertPixelCount(head.readUInt32BE(16), head.readUInt32BE(20), filename);
  let metadata: sharp.Metadata;
  try {
    // Reads the header only; nothing is decoded.
    metadata = await sharp(head, { failOn: 'none', limitInputPixels: false }).metadata();
  } catch {
    throw new AppError('UPLOAD_REFUSED', `無法讀取影像標頭 (cannot read the image header): ${filename ?? 'upload'}`);
  }
  const width = metadata.width ?? 0;
  const height = metadata.height ?? 0;
  if (width <= 0 || height <= 0) throw new AppError('UPLOAD_REFUSED', `影像尺寸不明 (image has no dimensions): ${filename ?? 'upload'}`);
  assertPixelCount(width, height, filename);
  const facts: UploadFacts = { mediaType, width, height };
  if (metadata.exif) {
    try {
      const exif = exifReader(metadata.exif) as {
        Image?: Record<string, unknown>;
        Photo?: Record<string, unknown>;
      };
      const taken = exif.Photo?.DateTimeOriginal ?? exif.Image?.DateTime;
      facts.exif = {
        takenAt: taken instanceof Date && !Number.isNaN(taken.getTime()) ? taken.toISOString() : undefined,
        make: text(exif.Image?.Make),
        model: text(exif.Image?.Model),
        software: text(exif.Image?.Software),
      };
    } catch {
      // Broken EXIF does not make the picture worthless; the metadata is simply absent.
    }
  }
  return facts;
}
