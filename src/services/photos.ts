/**
 * Picks photos on the phone and reads them for upload through the `resident` function. In the mini-program WeChat
 * compresses them when picked; the H5 build reads the chosen file as it is.
 */
import Taro from '@tarojs/taro';
import { PHOTO_BYTES_MAX, type PhotoType } from '@core/domain';

export interface PickedPhoto {
  contentType: PhotoType;
  data: string;
}

export class PhotoProblem extends Error {}

/** The type from the file's first bytes, not its name: JPEG starts FF D8 FF, PNG with its 8-byte signature. */
export function photoTypeOf(base64: string): PhotoType | undefined {
  if (base64.startsWith('/9j/')) return 'image/jpeg';
  if (base64.startsWith('iVBORw0KGgo')) return 'image/png';
  return undefined;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

async function readAsBase64(file: { tempFilePath: string; originalFileObj?: Blob }): Promise<string> {
  if (process.env.TARO_ENV === 'h5') {
    const blob = file.originalFileObj ?? (await (await fetch(file.tempFilePath)).blob());
    return toBase64(new Uint8Array(await blob.arrayBuffer()));
  }
  return new Promise((resolve, reject) =>
    Taro.getFileSystemManager().readFile({
      filePath: file.tempFilePath,
      encoding: 'base64',
      success: ({ data }) => resolve(data as string),
      fail: reject,
    }),
  );
}

/** Lets her choose up to `count` photos; a photo of the wrong type or too large is refused with a plain reason. */
export async function pickPhotos(count: number): Promise<PickedPhoto[]> {
  const { tempFiles } = await Taro.chooseMedia({ count, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] });
  const photos: PickedPhoto[] = [];
  for (const file of tempFiles.slice(0, count)) {
    if (file.size > PHOTO_BYTES_MAX) throw new PhotoProblem(`照片太大（最大 ${PHOTO_BYTES_MAX / 1024 / 1024} MB），请换一张或截图后再传`);
    const data = await readAsBase64(file as { tempFilePath: string; originalFileObj?: Blob });
    const contentType = photoTypeOf(data);
    if (!contentType) throw new PhotoProblem('只能上传 JPG 或 PNG 格式的照片');
    photos.push({ contentType, data });
  }
  return photos;
}
