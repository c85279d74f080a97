/** Files the functions store for people to download or show (exports, plaques, a point's images), and links to them. */
import type { ExportedFile } from '../core/actions';
import { app } from './cloudbase';
import { toCsv, toXlsx, type Cell } from './spreadsheet';

/** A time stamp for a stored file's name, so a new file never replaces one a link still points to. */
export const fileStamp = (at = new Date()) => at.toISOString().replace(/[-:.TZ]/g, '');

/** Links that work for `seconds`, in the order of the file IDs ('' for a file storage could not find). */
export async function fileLinks(fileIDs: string[], seconds: number): Promise<string[]> {
  const { fileList } = await app.getTempFileURL({ fileList: fileIDs.map((fileID) => ({ fileID, maxAge: seconds })) });
  return fileIDs.map((id) => fileList.find((f) => f.fileID === id)?.tempFileURL ?? '');
}

const EXPORT_LINK_SECONDS = 3600;

/** A table as CSV or XLSX, stored at `cloudPath` and linked for an hour. */
export async function exportTable(table: {
  cloudPath: string;
  fileName: string;
  sheetName: string;
  format: 'csv' | 'xlsx';
  header: string[];
  rows: Cell[][];
}): Promise<ExportedFile> {
  const { cloudPath, fileName, sheetName, format, header, rows } = table;
  const { fileID } = await app.uploadFile({ cloudPath, fileContent: format === 'csv' ? toCsv(header, rows) : toXlsx(sheetName, header, rows) });
  const [url] = await fileLinks([fileID], EXPORT_LINK_SECONDS);
  return { fileName, fileID, url: url ?? '', rows: rows.length };
}
