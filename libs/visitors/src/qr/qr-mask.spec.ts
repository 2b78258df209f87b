import { describe, expect, it } from '@jest/globals';
import QRCode from 'qrcode';
import { seededRandom } from '@fair/core';
import { qrMatrix } from './qr-image';

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

describe('qr mask selection (qr-mask.ts)', () => {
  it('builds exactly the symbol qrcode builds with its own mask search, on 1,500 random codes of many lengths', () => {
    const random = seededRandom(20261121);
    const masksSeen = new Set<number>();
    for (let n = 0; n < 1500; n++) {
      // pass codes are 147 characters; other lengths give other versions (other reserved areas)
      const length = n % 3 === 0 ? 147 : 1 + Math.floor(random() * 300);
      const text = Array.from({ length }, () => ALPHANUMERIC[Math.floor(random() * ALPHANUMERIC.length)]).join('');
      const reference = QRCode.create([{ data: text, mode: 'alphanumeric' }] as never, { errorCorrectionLevel: 'Q' });
      masksSeen.add(reference.maskPattern as unknown as number);
      const ref = reference.modules as unknown as { size: number; data: Uint8Array };
      const ours = qrMatrix(text);
      expect(ours.size).toBe(ref.size);
      for (let r = 0; r < ref.size; r++) for (let c = 0; c < ref.size; c++) if (ours.dark(r, c) !== (ref.data[r * ref.size + c] === 1)) throw new Error(`module (${r}, ${c}) differs for ${JSON.stringify(text)}`);
    }
    expect(masksSeen.size).toBe(8); // every mask was the best one somewhere, so each was really compared
  });
});
