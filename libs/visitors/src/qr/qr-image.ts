import QRCode from 'qrcode';
import { remask, type QrModules } from './qr-mask';
import { crc32, deflateSync } from 'node:zlib';

/** The QR symbol of a pass code at error-correction level Q (survives ~25% damage: crumpled badges). */
export interface QrMatrix {
  size: number;
  dark(row: number, col: number): boolean;
}

export function qrMatrix(text: string): QrMatrix {
  // Base45 text is all QR-alphanumeric: saying so spares qrcode its search for the best mix of
  // modes (a shortest-path over segments, ~a third of its time), with the same symbol.
  const alphanumeric = /^[0-9A-Z $%*+\-./:]*$/.test(text);
  // Built with mask 0, then re-masked by remask (qr-mask.ts), which chooses as qrcode would, faster.
  const qr = QRCode.create(alphanumeric ? [{ data: text, mode: 'alphanumeric' }] : text, { errorCorrectionLevel: 'Q', maskPattern: 0 });
  const modules = qr.modules as unknown as QrModules;
  const { data } = remask(modules, LEVEL_Q_BIT, 0);
  const size = modules.size;
  return { size, dark: (r, c) => data[r * size + c] === 1 };
}

/** The two bits QR's format information uses for error-correction level Q. */
const LEVEL_Q_BIT = 3;

/**
 * 1-bit grayscale PNG of the symbol, drawn from the module matrix. qrcode's own PNG path (pngjs,
 * RGBA) manages ~100/s here and fast-png (deflate in JavaScript) ~1,200/s; the format is simple
 * enough to write directly with Node's native zlib (deflate at level 1, CRC-32): ~0.1 ms per image, ~1 KB.
 * The unit test decodes it with fast-png and compares every module.
 */
export function qrPng(text: string, options: { scale?: number; margin?: number; matrix?: QrMatrix } = {}): Buffer {
  const scale = options.scale ?? 6;
  const margin = options.margin ?? 4;
  const m = options.matrix ?? qrMatrix(text);
  const width = (m.size + 2 * margin) * scale;
  const rowBytes = Math.ceil(width / 8);
  const stride = rowBytes + 1; // each scanline starts with its filter type, 0 (none)
  const raw = Buffer.alloc(stride * width, 0xff); // 1 = white in 1-bit grayscale
  for (let y = 0; y < width; y++) raw[y * stride] = 0;
  for (let r = 0; r < m.size; r++) {
    const top = (r + margin) * scale;
    // draw one pixel row of this module row, then copy it to the other rows of the module
    const first = top * stride + 1;
    for (let c = 0; c < m.size; c++) {
      if (!m.dark(r, c)) continue;
      const left = (c + margin) * scale;
      for (let x = left; x < left + scale; x++) raw[first + (x >> 3)]! &= ~(0x80 >> (x & 7));
    }
    for (let y = 1; y < scale; y++) raw.copy(raw, first + y * stride, first, first + rowBytes);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(width, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // grayscale; compression, filter and interlace 0
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 1 })), chunk('IEND', Buffer.alloc(0))]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
