import QRCode from 'qrcode';
import { encode as encodePng } from 'fast-png';

/** The QR symbol of a pass code at error-correction level Q (survives ~25% damage: crumpled badges). */
export interface QrMatrix {
  size: number;
  dark(row: number, col: number): boolean;
}

export function qrMatrix(text: string): QrMatrix {
  // Base45 text is all QR-alphanumeric: saying so spares qrcode its search for the best mix of
  // modes (a shortest-path over segments, ~a third of its time), with the same symbol.
  const alphanumeric = /^[0-9A-Z $%*+\-./:]*$/.test(text);
  const qr = QRCode.create(alphanumeric ? [{ data: text, mode: 'alphanumeric' }] : text, { errorCorrectionLevel: 'Q' });
  const { size, data } = qr.modules as unknown as { size: number; data: Uint8Array };
  return { size, dark: (r, c) => data[r * size + c] === 1 };
}

/**
 * 1-bit PNG of the symbol, drawn from the module matrix and encoded with fast-png. qrcode's
 * own PNG path (pngjs, RGBA) manages ~100/s here; this one ~550/s with the matrix included,
 * and the file is ~0.9 KB instead of ~7 KB (figures in docs/benchmarks.md).
 */
export function qrPng(text: string, options: { scale?: number; margin?: number; matrix?: QrMatrix } = {}): Buffer {
  const scale = options.scale ?? 6;
  const margin = options.margin ?? 4;
  const m = options.matrix ?? qrMatrix(text);
  const width = (m.size + 2 * margin) * scale;
  const rowBytes = Math.ceil(width / 8);
  const pixels = new Uint8Array(rowBytes * width).fill(0xff); // 1 = white in 1-bit grayscale
  for (let r = 0; r < m.size; r++) {
    for (let c = 0; c < m.size; c++) {
      if (!m.dark(r, c)) continue;
      const top = (r + margin) * scale;
      const left = (c + margin) * scale;
      for (let y = 0; y < scale; y++) {
        const row = (top + y) * rowBytes;
        for (let x = left; x < left + scale; x++) pixels[row + (x >> 3)]! &= ~(0x80 >> (x & 7));
      }
    }
  }
  return Buffer.from(encodePng({ width, height: width, data: pixels, channels: 1, depth: 1 }));
}
