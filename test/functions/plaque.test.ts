/**
 * The printable plaque (issue 6): the point's mini-program code from WeChat (the local recorder answers with a real
 * QR image), laid out on A4 as PNG and PDF. The QR is decoded from the plaque itself, as a phone would read it.
 * Writes test-output/plaque/XC-ANSHAN.pdf and .png.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { CloudbaseServer } from '../../local/cloudbase-server';
import { buildDemoData } from '../../local/seed/demo-data';
import { startTestServer, useLocalSdkEnvironment } from '../support/local';

const OUTPUT_DIR = resolve(__dirname, '../../test-output/plaque');

let server: CloudbaseServer;
// Imported once the SDK's environment points at the local server (backend/cloudbase.ts initialises it on import).
let plaque: typeof import('../../backend/plaque');
let envelope: typeof import('../../core/envelope');

beforeAll(async () => {
  server = await startTestServer();
  useLocalSdkEnvironment(server.url);
  plaque = await import('../../backend/plaque');
  envelope = await import('../../core/envelope');
});
afterAll(() => server.close());

const demo = buildDemoData();
const anshan = demo.points.find((p) => p._id === 'point-xc-anshan')!;
const anshanTeam = demo.members
  .filter((m) => m.pointId === anshan._id && m.active)
  .sort((a, b) => a.order - b.order)
  .map(({ name, role }) => ({ name, role }));

/** The sheet at half its resolution (100 dpi, as a phone's camera might see it): a quarter of the pixels to search. */
function halfSize(image: { width: number; height: number; data: Buffer }): { width: number; height: number; data: Uint8ClampedArray } {
  const width = Math.floor(image.width / 2);
  const height = Math.floor(image.height / 2);
  const source = new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.length);
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const at = (2 * y * image.width + 2 * x) * 4;
      const below = at + image.width * 4;
      for (let c = 0; c < 4; c += 1) data[(y * width + x) * 4 + c] = (source[at + c] + source[at + 4 + c] + source[below + c] + source[below + 4 + c]) / 4;
    }
  }
  return { width, height, data };
}

/** Pixels per metre from the PNG's pHYs chunk. */
const pngResolution = (png: Buffer): number | undefined => {
  const at = png.indexOf(Buffer.from('pHYs', 'latin1'));
  return at < 0 ? undefined : png.readUInt32BE(at + 4);
};

test('the plaque of 鞍山 carries a code that opens its point page, on an A4 PNG and PDF', async () => {
  const started = Date.now();
  const { png, pdf, code } = await plaque.makePlaque(anshan, anshanTeam);
  const took = Date.now() - started;

  mkdirSync(OUTPUT_DIR, { recursive: true });
  const pdfPath = join(OUTPUT_DIR, `${anshan.code}.pdf`);
  const pngPath = join(OUTPUT_DIR, `${anshan.code}.png`);
  writeFileSync(pdfPath, pdf);
  writeFileSync(pngPath, png);
  writeFileSync(join(OUTPUT_DIR, `${anshan.code}-code.png`), code);
  console.log(`makePlaque (code from the local recorder, render) in ${took} ms: ${pdfPath} (${pdf.length} bytes), ${pngPath} (${png.length} bytes)`);

  // WeChat was asked for the point's code, opening the point page.
  const calls = server.recorder.list('wxacode.getUnlimited');
  expect(calls).toHaveLength(1);
  expect(calls[0].request).toMatchObject({ scene: 'XC-ANSHAN', page: 'pages/point/index', check_path: false });

  // The PNG: A4 at 200 dpi, and its QR (read from the whole sheet) opens the point page with the point code.
  const image = PNG.sync.read(png);
  expect([image.width, image.height]).toEqual([1654, 2339]);
  expect(pngResolution(png)).toBe(Math.round(200 / 0.0254));
  const half = halfSize(image);
  const decoded = jsQR(half.data, half.width, half.height, { inversionAttempts: 'dontInvert' });
  expect(decoded?.data).toBe('pages/point/index?scene=XC-ANSHAN');
  // The code sits large on the sheet: at least 6 cm across (the code itself, without its quiet zone).
  const [topLeft, topRight] = [decoded!.location.topLeftCorner, decoded!.location.topRightCorner];
  expect(((topRight.x - topLeft.x) / 100) * 2.54).toBeGreaterThan(6);

  // The PDF: one A4 page, the Chinese font embedded (subset), the code as an image.
  const text = pdf.toString('latin1');
  expect(text.startsWith('%PDF-')).toBe(true);
  expect(text).toContain('/MediaBox [0 0 595.28 841.89]');
  expect(text).toMatch(/\/Type \/Pages\s*\/Count 1\b/);
  expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+WenQuanYiMicroHei/);
  expect(text).toContain('/FontFile2');
  expect(text).toContain('/Subtype /Image');
});

test('WeChat refusing the code fails with a clear error, and a code that cannot be a scene is not sent', async () => {
  server.recorder.injectFault({ apiName: 'wxacode.getUnlimited', errcode: 45009, times: 1 });
  const before = server.recorder.list('wxacode.getUnlimited').length;
  const refused: unknown = await plaque.makePlaque(anshan, anshanTeam).catch((error: unknown) => error);
  expect(refused).toBeInstanceOf(envelope.ActionError);
  const { code, message } = refused as InstanceType<typeof envelope.ActionError>;
  expect({ code, message }).toEqual({ code: 'Internal', message: expect.stringContaining('errcode 45009') });

  await expect(plaque.makePlaque({ ...anshan, code: '鞍山 社区' }, anshanTeam)).rejects.toMatchObject({ code: 'InvalidParameter' });
  expect(server.recorder.list('wxacode.getUnlimited')).toHaveLength(before + 1);
});

test('the plaque finds its font and emblem (next to a bundled function, else the system font and src/assets)', () => {
  const files = plaque.plaqueFiles();
  expect(files.font).toMatch(/wqy-microhei\.ttc$/);
  expect(files.emblem).toMatch(/emblem\.svg$/);
});
