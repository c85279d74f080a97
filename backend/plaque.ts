/**
 * The printable plaque of a point (联系点牌): its mini-program code (`wxacode.getUnlimited`, scene = the point code,
 * opening the point page) laid out on an A4 sheet with the emblem, the point's name, the executive, the service team,
 * the duties and a line of instructions, as a PNG and as a PDF.
 *
 * One layout, two renderers: the layout is a list of positioned boxes, texts and images measured with the real font,
 * drawn once as SVG (rendered to PNG by resvg) and once into the PDF by pdfkit (vector text with the font embedded
 * as a subset, the code as a lossless image), so both files show the same plaque.
 *
 * Files it reads, found next to the bundled function first (`plaque-assets/`, copied there by
 * scripts/build-functions.ts) and else in the repository and the system (tests, the local host):
 * - a CJK font: WenQuanYi Micro Hei (Debian's fonts-wqy-microhei, scripts/ensure-fonts.sh installs it);
 * - the federation emblem, src/assets/emblem.svg (the same file the app shows as `displays.emblemUrl`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import PDFDocument from 'pdfkit';
import type { Point } from '../core/domain';
import { ActionError } from '../core/envelope';
import { app } from './cloudbase';

/** The page the plaque's code opens; its `scene` is the point code. */
export const POINT_PAGE = 'pages/point/index';
/** How WeChat's `scene` may look: at most 32 visible characters of this set. */
const SCENE_PATTERN = /^[0-9A-Za-z!#$&'()*+,/:;=?@._~-]{1,32}$/;
export const PLAQUE_INSTRUCTIONS = '微信扫一扫，查看联系点、提交诉求';

/** A4 portrait in PDF points (1/72 inch). */
export const A4 = { width: 595.28, height: 841.89 } as const;
/** The PNG's resolution. 200 dpi: 1654 × 2339 pixels, sharp enough to print, small enough to send. */
export const PLAQUE_DPI = 200;

export interface PlaqueMember {
  name: string;
  role: string;
}

export interface Plaque {
  /** The A4 plaque, PLAQUE_DPI (with its pHYs chunk saying so). */
  png: Buffer;
  /** The A4 plaque, one page. */
  pdf: Buffer;
  /** The mini-program code as WeChat returned it (PNG). */
  code: Buffer;
}

/**
 * The point's mini-program code and its plaque. `team` is the service team in roster order; an entry that is the
 * executive herself (same name) is left out, since she has her own line.
 */
export async function makePlaque(point: Point, team: PlaqueMember[]): Promise<Plaque> {
  const code = await fetchPointCode(point.code);
  const { png, pdf } = await renderPlaque(point, team, code);
  return { png, pdf, code };
}

// The mini-program code

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const isPng = (bytes: Buffer) => bytes.length > 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE);

const asBuffer = (reply: unknown): Buffer | undefined => {
  if (Buffer.isBuffer(reply)) return reply;
  if (reply instanceof Uint8Array) return Buffer.from(reply);
  if (reply instanceof ArrayBuffer) return Buffer.from(reply);
  if (typeof reply === 'string') return Buffer.from(reply, 'utf8');
  return undefined;
};

/** What WeChat (or the SDK) said instead of an image: `errcode errmsg`, or the SDK's `code message`. */
function describeFailure(reply: unknown): string {
  let answer: unknown = reply;
  const bytes = asBuffer(reply);
  if (bytes) {
    const text = bytes.subarray(0, 2000).toString('utf8');
    try {
      answer = JSON.parse(text);
    } catch {
      return bytes.length ? `无法识别的回复（${bytes.length} 字节）` : '空回复';
    }
  }
  if (answer && typeof answer === 'object') {
    const { errcode, errmsg, code, message } = answer as Record<string, unknown>;
    if (errcode !== undefined) return `errcode ${String(errcode)}${errmsg ? `：${String(errmsg)}` : ''}`;
    if (code !== undefined) return `${String(code)}${message ? `：${String(message)}` : ''}`;
  }
  return String(answer);
}

/**
 * Asks WeChat for the code that opens the point page with `scene` = the point code. Fails with `InvalidParameter`
 * when the point code cannot be a scene, and `Internal` (saying what WeChat answered) when no image comes back.
 */
export async function fetchPointCode(pointCode: string): Promise<Buffer> {
  if (!SCENE_PATTERN.test(pointCode)) {
    throw new ActionError('InvalidParameter', `联系点编号“${pointCode}”不能做小程序码参数：最多 32 个字母、数字或符号`);
  }
  let reply: unknown;
  try {
    reply = await app.callCompatibleWxOpenApi({
      apiName: 'wxacode.getUnlimited',
      requestData: Buffer.from(JSON.stringify({ scene: pointCode, page: POINT_PAGE, check_path: false, width: 430 })),
    });
  } catch (error) {
    throw new ActionError('Internal', `生成小程序码没有成功（${describeFailure(error)}），请稍后再试`);
  }
  const bytes = asBuffer(reply);
  if (bytes && isPng(bytes)) return bytes;
  throw new ActionError('Internal', `生成小程序码没有成功，微信回复 ${describeFailure(reply)}`);
}

// Files: the font and the emblem

const FONT_FILE = 'wqy-microhei.ttc';
/** The face of the collection the plaque uses (the other one is the monospaced variant). */
const FONT_POSTSCRIPT_NAME = 'WenQuanYiMicroHei';
const FONT_FAMILY = 'WenQuanYi Micro Hei';
const SYSTEM_FONT = `/usr/share/fonts/truetype/wqy/${FONT_FILE}`;
/** Next to the bundled function (cloudfunctions/<name>/index.js), where scripts/build-functions.ts copies them. */
export const PLAQUE_ASSETS_DIR = 'plaque-assets';

const firstExisting = (candidates: (string | undefined)[]) => candidates.find((path): path is string => !!path && existsSync(path));

let fontPath: string | undefined;
function findFont(): string {
  fontPath ??= firstExisting([process.env.PLAQUE_FONT_FILE, join(__dirname, PLAQUE_ASSETS_DIR, FONT_FILE), SYSTEM_FONT]);
  if (!fontPath) throw new ActionError('Internal', `生成联系点牌需要中文字体 ${FONT_FILE}（Debian 软件包 fonts-wqy-microhei），没有找到`);
  return fontPath;
}

let emblemPath: string | undefined;
let emblemSvg: string | undefined;
function readEmblem(): string {
  if (emblemSvg === undefined) {
    emblemPath = firstExisting([join(__dirname, PLAQUE_ASSETS_DIR, 'emblem.svg'), join(__dirname, '..', 'src', 'assets', 'emblem.svg')]);
    if (!emblemPath) throw new ActionError('Internal', '生成联系点牌需要妇联标识 emblem.svg，没有找到');
    emblemSvg = readFileSync(emblemPath, 'utf8');
  }
  return emblemSvg;
}

/** The files a plaque is drawn with, as found here (to check a deployment, or to say what is missing). */
export const plaqueFiles = (): { font: string; emblem: string } => {
  readEmblem();
  return { font: findFont(), emblem: emblemPath ?? '' };
};

const resvgOptions = (widthPx: number): ResvgRenderOptions => ({
  fitTo: { mode: 'width', value: widthPx },
  background: '#ffffff',
  font: { fontFiles: [findFont()], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY, serifFamily: FONT_FAMILY },
  shapeRendering: 2,
  textRendering: 1,
  imageRendering: 0,
});

let emblemPng: Buffer | undefined;
/** The emblem as a PNG for the PDF (600 px: 600 dpi and more at the plaque's size). */
const renderEmblemPng = () => (emblemPng ??= Buffer.from(new Resvg(readEmblem(), { ...resvgOptions(600), background: 'rgba(0,0,0,0)' }).render().asPng()));

// Layout

type Element =
  | { kind: 'rect'; x: number; y: number; w: number; h: number; r?: number; fill?: string; stroke?: string; strokeWidth?: number }
  /** `y` is the baseline; `x` the start (measured, so both renderers place it alike). */
  | { kind: 'text'; x: number; y: number; size: number; text: string; fill: string; bold?: boolean }
  | { kind: 'image'; x: number; y: number; w: number; h: number; png: Buffer; crisp?: boolean }
  | { kind: 'emblem'; x: number; y: number; size: number };

type Measure = (text: string, size: number) => number;

const COLORS = { red: '#c8102e', darkRed: '#9e0c24', ink: '#1f1f1f', grey: '#5f5f5f', faint: '#fbeeee', rule: '#e9c4c9', white: '#ffffff' };
const MARGIN = 48;
const CONTENT_WIDTH = A4.width - 2 * MARGIN;
const HEADER_HEIGHT = 118;
const FOOTER_HEIGHT = 22;

/** Removes what cannot be drawn (control characters) and trims. */
const clean = (text: string) => text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();

/** Characters that must not start a line (Chinese line-breaking rules). */
const NO_LINE_START = new Set([...'，。、；：！？）》」』】”’…·,.;:!?)]}%']);

/** Greedy line breaking: Chinese characters one by one, runs of Latin letters and digits kept whole. */
function wrap(text: string, size: number, width: number, measure: Measure): string[] {
  const tokens = clean(text).match(/[A-Za-z0-9@#&+\-_.'/]+|\s+|./gu) ?? [];
  const lines: string[] = [];
  let line = '';
  for (const token of tokens) {
    const candidate = line + token;
    if (!line || measure(candidate, size) <= width || NO_LINE_START.has(token)) {
      line = candidate;
      continue;
    }
    lines.push(line.trimEnd());
    line = token.trimStart();
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

/** The text cut to `width`, ending with an ellipsis when cut. */
function ellipsize(text: string, size: number, width: number, measure: Measure): string {
  if (measure(text, size) <= width) return text;
  const chars = [...text];
  while (chars.length && measure(`${chars.join('')}…`, size) > width) chars.pop();
  return `${chars.join('')}…`;
}

function layoutPlaque(point: Point, team: PlaqueMember[], code: Buffer, measure: Measure): Element[] {
  const els: Element[] = [];
  const text = (x: number, y: number, size: number, value: string, fill: string, bold = false) => els.push({ kind: 'text', x, y, size, text: value, fill, bold });
  const centered = (y: number, size: number, value: string, fill: string, bold = false) => text(A4.width / 2 - measure(value, size) / 2, y, size, value, fill, bold);
  const heading = (x: number, y: number, value: string) => {
    els.push({ kind: 'rect', x, y: y - 14, w: 4, h: 17, fill: COLORS.red });
    text(x + 11, y, 15, value, COLORS.darkRed, true);
  };

  // Header band: the emblem and the title.
  els.push({ kind: 'rect', x: 0, y: 0, w: A4.width, h: HEADER_HEIGHT, fill: COLORS.red });
  els.push({ kind: 'rect', x: 0, y: HEADER_HEIGHT, w: A4.width, h: 4, fill: COLORS.darkRed });
  els.push({ kind: 'emblem', x: MARGIN - 6, y: 20, size: 78 });
  text(MARGIN + 88, 66, 36, '妇联执委联系点', COLORS.white, true);
  const county = clean(point.countyName);
  if (county) text(MARGIN + 90, 96, 15, ellipsize(`${county}妇女联合会`, 15, CONTENT_WIDTH - 90, measure), COLORS.white);

  // The point's name: as large as fits, on up to two lines.
  let y = HEADER_HEIGHT + 52;
  const name = clean(point.name) || point.code;
  let nameSize = 30;
  while (nameSize > 22 && measure(name, nameSize) > CONTENT_WIDTH) nameSize -= 1;
  const nameLines = measure(name, nameSize) <= CONTENT_WIDTH ? [name] : wrap(name, nameSize, CONTENT_WIDTH, measure);
  if (nameLines.length > 2) nameLines.splice(1, nameLines.length, ellipsize(nameLines.slice(1).join(''), nameSize, CONTENT_WIDTH, measure));
  nameLines.forEach((line, i) => centered(y + i * (nameSize + 8), nameSize, line, COLORS.ink, true));
  y += (nameLines.length - 1) * (nameSize + 8);

  // Where and when.
  for (const [label, value] of [
    ['地址：', point.address],
    ['接待时间：', point.serviceHours],
  ] as const) {
    const line = clean(value ?? '');
    if (!line) continue;
    y += 21;
    centered(y, 11, ellipsize(label + line, 11, CONTENT_WIDTH, measure), COLORS.grey);
  }

  // The executive (亮身份).
  y += 36;
  const executive = point.displays.executive;
  const exName = clean(executive.name);
  const exTitle = clean(executive.title ?? '');
  const parts: { value: string; size: number; fill: string; bold?: boolean }[] = [
    { value: '执委：', size: 17, fill: COLORS.red, bold: true },
    { value: exName, size: 19, fill: COLORS.ink, bold: true },
  ];
  if (exTitle) {
    const used = measure('执委：', 17) + measure(exName, 19) + measure('  ', 14);
    parts.push({ value: `  ${ellipsize(exTitle, 14, CONTENT_WIDTH - used, measure)}`, size: 14, fill: COLORS.grey });
  }
  let x = A4.width / 2 - parts.reduce((sum, p) => sum + measure(p.value, p.size), 0) / 2;
  for (const part of parts) {
    text(x, y, part.size, part.value, part.fill, part.bold);
    x += measure(part.value, part.size);
  }

  // The service team (亮团队): two columns, up to 11 rows.
  y += 18;
  els.push({ kind: 'rect', x: MARGIN, y, w: CONTENT_WIDTH, h: 0.8, fill: COLORS.rule });
  y += 30;
  heading(MARGIN, y, '服务团队');
  const members = team.map((m) => ({ name: clean(m.name), role: clean(m.role) })).filter((m) => m.name && m.name !== exName);
  const MAX_ROWS = 11;
  const shown = members.length > MAX_ROWS * 2 ? [...members.slice(0, MAX_ROWS * 2 - 1), { name: `等 ${members.length - (MAX_ROWS * 2 - 1)} 人`, role: '' }] : members;
  const rows = Math.ceil(shown.length / 2);
  const pitch = rows > 8 ? 17 : 19;
  const columnWidth = CONTENT_WIDTH / 2;
  if (!shown.length) {
    text(MARGIN + 11, y + pitch + 6, 12, '团队成员正在招募中', COLORS.grey);
  }
  shown.forEach((member, index) => {
    const column = index < rows ? 0 : 1;
    const row = column === 0 ? index : index - rows;
    const cx = MARGIN + 11 + column * columnWidth;
    const cy = y + 8 + (row + 1) * pitch;
    const nameText = ellipsize(member.name, 12.5, 90, measure);
    text(cx, cy, 12.5, nameText, COLORS.ink, true);
    if (member.role) {
      const roleX = cx + measure(nameText, 12.5) + 2;
      text(roleX, cy, 11.5, ellipsize(` · ${member.role}`, 11.5, MARGIN + (column + 1) * columnWidth - 8 - roleX, measure), COLORS.grey);
    }
  });
  y += 8 + Math.max(rows, 1) * pitch + 26;

  // Bottom: the duties (亮职责) on the left, the code on the right, the instructions across.
  const instructionsY = A4.height - FOOTER_HEIGHT - 30;
  const bottom = instructionsY - 34;
  const available = bottom - y;
  const qr = Math.max(150, Math.min(250, available - 40));
  const cardWidth = qr + 24;
  const cardHeight = qr + 44;
  const duties = (point.displays.duties ?? []).map(clean).filter(Boolean);
  // Without duties the code stands alone in the middle.
  const cardX = duties.length ? A4.width - MARGIN - cardWidth : (A4.width - cardWidth) / 2;
  const cardY = y + Math.max(0, (available - cardHeight) / 2);
  els.push({ kind: 'rect', x: cardX, y: cardY, w: cardWidth, h: cardHeight, r: 10, fill: COLORS.white, stroke: COLORS.red, strokeWidth: 2 });
  els.push({ kind: 'image', x: cardX + 12, y: cardY + 12, w: qr, h: qr, png: code, crisp: true });
  const codeLabel = `联系点编号：${point.code}`;
  text(cardX + cardWidth / 2 - measure(codeLabel, 11) / 2, cardY + qr + 32, 11, codeLabel, COLORS.grey);

  const dutiesWidth = cardX - MARGIN - 24;
  if (duties.length) {
    els.push({ kind: 'rect', x: MARGIN, y: cardY, w: dutiesWidth, h: cardHeight, r: 10, fill: COLORS.faint });
    let dy = cardY + 34;
    heading(MARGIN + 14, dy, '联系点职责');
    dy += 12;
    const lineHeight = 21;
    const maxLines = Math.floor((cardY + cardHeight - 14 - dy) / lineHeight);
    const bulletWidth = measure('• ', 12.5);
    let used = 0;
    for (const duty of duties) {
      if (used >= maxLines) break;
      let lines = wrap(duty, 12.5, dutiesWidth - 28 - bulletWidth, measure);
      if (used + lines.length > maxLines) {
        lines = lines.slice(0, maxLines - used);
        lines[lines.length - 1] = ellipsize(`${lines[lines.length - 1]}…`, 12.5, dutiesWidth - 28 - bulletWidth, measure);
      }
      lines.forEach((line, i) => {
        dy += lineHeight;
        if (i === 0) text(MARGIN + 14, dy, 12.5, '•', COLORS.red, true);
        text(MARGIN + 14 + bulletWidth, dy, 12.5, line, COLORS.ink);
      });
      used += lines.length;
      dy += 3;
    }
  }

  centered(instructionsY, 21, PLAQUE_INSTRUCTIONS, COLORS.red, true);
  els.push({ kind: 'rect', x: 0, y: A4.height - FOOTER_HEIGHT, w: A4.width, h: FOOTER_HEIGHT, fill: COLORS.red });
  return els;
}

// Renderers

const xml = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const n = (value: number) => Number(value.toFixed(2)).toString();
/** Stroke width that thickens a single-weight font into a heading. */
const boldStroke = (size: number) => size * 0.035;

/** The emblem file as a nested <svg> at the given box (its own viewBox kept). */
function nestedEmblem(x: number, y: number, size: number): string {
  const svg = readEmblem().replace(/<\?xml[^>]*>/, '').trim();
  return svg.replace(/^<svg\b([^>]*)>/, (_open, attributes: string) => {
    const kept = attributes.replace(/\s(x|y|width|height)\s*=\s*("[^"]*"|'[^']*')/g, '');
    return `<svg x="${n(x)}" y="${n(y)}" width="${n(size)}" height="${n(size)}"${kept}>`;
  });
}

function toSvg(els: Element[]): string {
  const body = els.map((el) => {
    switch (el.kind) {
      case 'rect':
        return `<rect x="${n(el.x)}" y="${n(el.y)}" width="${n(el.w)}" height="${n(el.h)}"${el.r ? ` rx="${n(el.r)}"` : ''} fill="${el.fill ?? 'none'}"${
          el.stroke ? ` stroke="${el.stroke}" stroke-width="${n(el.strokeWidth ?? 1)}"` : ''
        }/>`;
      case 'text':
        return `<text x="${n(el.x)}" y="${n(el.y)}" font-size="${n(el.size)}" fill="${el.fill}"${
          el.bold ? ` stroke="${el.fill}" stroke-width="${n(boldStroke(el.size))}" stroke-linejoin="round"` : ''
        } xml:space="preserve">${xml(el.text)}</text>`;
      case 'image':
        return `<image x="${n(el.x)}" y="${n(el.y)}" width="${n(el.w)}" height="${n(el.h)}" preserveAspectRatio="none"${
          el.crisp ? ' image-rendering="optimizeSpeed"' : ''
        } href="data:image/png;base64,${el.png.toString('base64')}"/>`;
      case 'emblem':
        return nestedEmblem(el.x, el.y, el.size);
    }
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${A4.width}" height="${A4.height}" viewBox="0 0 ${A4.width} ${A4.height}" font-family="${FONT_FAMILY}">${body.join('')}</svg>`;
}

function drawPdf(doc: PDFKit.PDFDocument, els: Element[]): void {
  for (const el of els) {
    switch (el.kind) {
      case 'rect': {
        const shape = () => (el.r ? doc.roundedRect(el.x, el.y, el.w, el.h, el.r) : doc.rect(el.x, el.y, el.w, el.h));
        if (el.fill) shape().fill(el.fill);
        if (el.stroke) shape().lineWidth(el.strokeWidth ?? 1).stroke(el.stroke);
        break;
      }
      case 'text':
        doc.fontSize(el.size).fillColor(el.fill);
        if (el.bold) doc.strokeColor(el.fill).lineWidth(boldStroke(el.size)).lineJoin('round');
        doc.text(el.text, el.x, el.y, { lineBreak: false, baseline: 'alphabetic', fill: true, stroke: !!el.bold });
        break;
      case 'image':
        doc.image(el.png, el.x, el.y, { width: el.w, height: el.h });
        break;
      case 'emblem':
        doc.image(renderEmblemPng(), el.x, el.y, { width: el.size, height: el.size });
        break;
    }
  }
}

/** Writes a pHYs chunk (pixels per metre) after IHDR, so viewers and printers know the PNG's resolution. */
function withDpi(png: Buffer, dpi: number): Buffer {
  const ihdrEnd = 8 + 8 + 13 + 4;
  const data = Buffer.alloc(9);
  const perMetre = Math.round(dpi / 0.0254);
  data.writeUInt32BE(perMetre, 0);
  data.writeUInt32BE(perMetre, 4);
  data.writeUInt8(1, 8);
  const type = Buffer.from('pHYs', 'latin1');
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  type.copy(chunk, 4);
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(Buffer.concat([type, data])), 8 + data.length);
  return Buffer.concat([png.subarray(0, ihdrEnd), chunk, png.subarray(ihdrEnd)]);
}

let fontBytes: Buffer | undefined;

/** Lays out and renders the plaque around a code image already fetched (a PNG). */
export async function renderPlaque(point: Point, team: PlaqueMember[], code: Buffer, options: { dpi?: number } = {}): Promise<{ png: Buffer; pdf: Buffer }> {
  if (!isPng(code)) throw new ActionError('Internal', '小程序码不是 PNG 图片，无法生成联系点牌');
  const font = findFont();
  fontBytes ??= readFileSync(font);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    autoFirstPage: true,
    info: { Title: `${clean(point.name)} · 联系点牌`, Subject: `${PLAQUE_INSTRUCTIONS}（${point.code}）`, Creator: '执委联系点' },
  });
  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', fontBytes, FONT_POSTSCRIPT_NAME);
  doc.font('cjk');
  // Advance widths per character at 1 pt, measured once each (shaping a whole string at every step is slow, and
  // neither Chinese nor the few Latin letters on a plaque need kerning).
  const advance = new Map<string, number>();
  doc.fontSize(1);
  const measure: Measure = (value, size) => {
    let width = 0;
    for (const char of value) {
      let w = advance.get(char);
      if (w === undefined) {
        w = doc.widthOfString(char);
        advance.set(char, w);
      }
      width += w;
    }
    return width * size;
  };

  const els = layoutPlaque(point, team, code, measure);
  drawPdf(doc, els);
  doc.end();

  const dpi = options.dpi ?? PLAQUE_DPI;
  const widthPx = Math.round((A4.width / 72) * dpi);
  const png = withDpi(Buffer.from(new Resvg(toSvg(els), resvgOptions(widthPx)).render().asPng()), dpi);
  return { png, pdf: await finished };
}
