import jsQR from 'jsqr';

interface Detector {
  detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}
declare const BarcodeDetector: { new (o: { formats: string[] }): Detector; getSupportedFormats(): Promise<string[]> } | undefined;

/**
 * Reads QR codes from the camera: the browser's BarcodeDetector where it reads QR codes,
 * otherwise jsQR on video frames. Calls onCode for every decoded frame; returns a stop function.
 */
export async function startCamera(video: HTMLVideoElement, onCode: (text: string) => void): Promise<() => void> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment', width: { ideal: 1280 } }, audio: false });
  video.srcObject = stream;
  video.setAttribute('playsinline', 'true');
  await video.play();
  let detector: Detector | null = null;
  try {
    if (typeof BarcodeDetector !== 'undefined' && (await BarcodeDetector.getSupportedFormats()).includes('qr_code')) detector = new BarcodeDetector({ formats: ['qr_code'] });
  } catch {
    detector = null;
  }
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  let running = true;
  const tick = async () => {
    if (!running) return;
    try {
      if (video.readyState >= 2 && video.videoWidth > 0) {
        if (detector) {
          const found = await detector.detect(video);
          if (found[0]) onCode(found[0].rawValue);
        } else {
          const scale = Math.min(1, 800 / video.videoWidth);
          canvas.width = Math.round(video.videoWidth * scale);
          canvas.height = Math.round(video.videoHeight * scale);
          ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
          const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
          const qr = jsQR(img.data, img.width, img.height, { inversionAttempts: 'dontInvert' });
          if (qr?.data) onCode(qr.data);
        }
      }
    } catch {
      /* a bad frame: try the next one */
    }
    if (running) setTimeout(() => void tick(), 120);
  };
  void tick();
  return () => {
    running = false;
    stream.getTracks().forEach((t) => t.stop());
    video.srcObject = null;
  };
}

let audio: AudioContext | null = null;
/** A short high beep for entry, a low double buzz for refusal. */
export function beep(good: boolean): void {
  try {
    audio ??= new AudioContext();
    const play = (freq: number, at: number, len: number) => {
      const osc = audio!.createOscillator();
      const gain = audio!.createGain();
      osc.frequency.value = freq;
      osc.type = good ? 'sine' : 'square';
      gain.gain.value = 0.15;
      osc.connect(gain).connect(audio!.destination);
      osc.start(audio!.currentTime + at);
      osc.stop(audio!.currentTime + at + len);
    };
    if (good) play(1320, 0, 0.15);
    else {
      play(220, 0, 0.18);
      play(220, 0.25, 0.18);
    }
  } catch {
    /* no audio output */
  }
}
