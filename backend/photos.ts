/**
 * Her photos, stored through the SDK's storage calls. The app sends each photo to the function (not straight to
 * storage), so the function checks its type and size and files it under a path only her OPENID leads to; a
 * submitted request may only carry photos from that path.
 */
import { createHash } from 'node:crypto';
import type { PhotoView, UploadedPhoto } from '../core/actions';
import { PHOTO_BYTES_MAX, type PhotoType } from '../core/domain';
import { ActionError } from '../core/envelope';
import { app } from './cloudbase';

const FOLDER = 'request-photos';
/** Links to photos last an hour: long enough to look, short enough not to travel. */
const LINK_SECONDS = 3600;

/** A one-way tag of the OPENID, so file paths never carry the identifier itself. */
const ownerTag = (openid: string) => createHash('sha256').update(`photo-owner:${openid}`).digest('hex').slice(0, 24);

const SIGNATURES: Record<PhotoType, { ext: string; matches: (b: Buffer) => boolean }> = {
  'image/jpeg': { ext: 'jpg', matches: (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  'image/png': { ext: 'png', matches: (b) => b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
};

/** The image's bytes and file extension, when they are what the content type says and within the size limit. */
export function checkedImage(contentType: PhotoType, data: string): { bytes: Buffer; ext: string } {
  const bytes = Buffer.from(data, 'base64');
  const signature = SIGNATURES[contentType];
  if (!signature.matches(bytes)) throw new ActionError('InvalidParameter', '只能上传 JPG 或 PNG 照片');
  if (bytes.length > PHOTO_BYTES_MAX) throw new ActionError('InvalidParameter', `照片太大，最大 ${PHOTO_BYTES_MAX / 1024} KB`);
  return { bytes, ext: signature.ext };
}

export async function uploadPhoto(openid: string, input: { clientKey: string; contentType: PhotoType; data: string }): Promise<UploadedPhoto> {
  const { bytes, ext } = checkedImage(input.contentType, input.data);
  // Named by its content within the draft: a retry (or the same photo picked twice) is the same file.
  const cloudPath = `${FOLDER}/${ownerTag(openid)}/${input.clientKey}/${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.${ext}`;
  const { fileID } = await app.uploadFile({ cloudPath, fileContent: bytes });
  const [photo] = await photoLinks([fileID]);
  return { fileID, url: photo?.url ?? '' };
}

/** True when every file ID was uploaded by this caller (through uploadPhoto). */
export const ownsPhotos = (openid: string, fileIDs: string[]): boolean =>
  fileIDs.every((id) => id.includes(`/${FOLDER}/${ownerTag(openid)}/`) && !id.includes('..'));

/** Short-lived links to show photos; one storage round trip, none when there are no photos. */
export async function photoLinks(fileIDs: string[]): Promise<PhotoView[]> {
  if (fileIDs.length === 0) return [];
  const { fileList } = await app.getTempFileURL({ fileList: fileIDs.map((fileID) => ({ fileID, maxAge: LINK_SECONDS })) });
  return fileList.filter((f) => f.tempFileURL).map((f) => ({ url: f.tempFileURL }));
}
