/**
 * Opens a file an export action wrote (the county's tables, a point's survey summary): in the mini-program, downloaded
 * by its storage file ID (no download domain to configure) into WeChat's document viewer, which can forward or save
 * it; in a browser, a download of its link.
 */
import Taro from '@tarojs/taro';
import type { ExportedFile } from '@core/actions';

export async function openExportedFile(file: Pick<ExportedFile, 'fileName' | 'fileID' | 'url'>): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    const link = document.createElement('a');
    link.href = file.url;
    link.download = file.fileName;
    link.target = '_blank';
    link.rel = 'noopener';
    link.click();
    return;
  }
  const { tempFilePath } = await Taro.cloud.downloadFile({ fileID: file.fileID });
  await Taro.openDocument({ filePath: tempFilePath, fileType: 'xlsx', showMenu: true });
}
