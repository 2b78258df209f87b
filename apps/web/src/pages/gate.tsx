import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, gateApi, ok, session } from '../api/client';
import { StaffSignIn } from '../ui/sign-in';
import type { GateDevice, OfflineKit, Verdict } from '../api/views';
import { beep, startCamera } from '../gate/camera';
import { verifyOffline } from '../gate/pass-code';
import { nonce, scanQueue, type QueuedScan } from '../gate/scan-queue';
import { useI18n } from '../i18n';
import { Field, FormError, useSubmit } from '../ui/form';
import { useOnline } from '../ui/connection';

const GOOD: Verdict[] = ['admitted', 're-entry', 'exited'];
const COOLDOWN_MS = 2500;

interface Shown {
  verdict: Verdict;
  name: string | null;
  company: string | null;
  visitorType: string | null;
  offline: boolean;
  /** why the API refused the scan, shown in the current language */
  error?: ApiError;
  at: number;
}

export function GatePage() {
  const { t } = useI18n();
  const [signedIn, setSignedIn] = useState(() => session.token('gate') !== null);
  if (!signedIn) return <StaffSignIn title={t.gateTitle} storeAs="gate" roles={['gate', 'organiser']} onDone={() => setSignedIn(true)} />;
  return <GateDeviceSetup onSignOut={() => setSignedIn(false)} />;
}


function GateDeviceSetup({ onSignOut }: { onSignOut(): void }) {
  const { t } = useI18n();
  const [deviceId, setDeviceId] = useState(() => new URLSearchParams(location.search).get('device') ?? localStorage.getItem('fair.gate.device') ?? '');
  const [device, setDevice] = useState<GateDevice | null>(() => {
    const saved = localStorage.getItem('fair.gate.deviceInfo');
    const d = saved ? (JSON.parse(saved) as GateDevice) : null;
    return d && d.id === deviceId ? d : null;
  });
  const { busy, error, fieldErrors, run } = useSubmit();
  const start = () =>
    run(async () => {
      const d = await ok(gateApi.POST('/api/checkin/devices/{device}/sign-in', { params: { path: { device: deviceId.trim() } } }));
      localStorage.setItem('fair.gate.device', d.id);
      localStorage.setItem('fair.gate.deviceInfo', JSON.stringify(d));
      setDevice(d);
    });
  useEffect(() => {
    if (!device && deviceId && new URLSearchParams(location.search).get('device')) void start();
  }, []);
  if (device) return <Scanner device={device} onSignOut={onSignOut} />;
  return (
    <section className="narrow">
      <h1>{t.gateTitle}</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <FormError error={error} shown={['device']} />
        <Field label={t.deviceId} name="device" required value={deviceId} onValue={setDeviceId} error={fieldErrors.device} hint={t.deviceIdHint} />
        <button type="submit" className="primary" disabled={busy}>
          {t.startScanning}
        </button>
      </form>
    </section>
  );
}

function Scanner({ device, onSignOut }: { device: GateDevice; onSignOut(): void }) {
  const { t, lang, number, time } = useI18n();
  const online = useOnline();
  const [kit, setKit] = useState<OfflineKit | null>(() => {
    const saved = localStorage.getItem(`fair.gate.kit.${device.fairId}`);
    return saved ? (JSON.parse(saved) as OfflineKit) : null;
  });
  const [shown, setShown] = useState<Shown | null>(null);
  const [queued, setQueued] = useState(() => scanQueue.list(device.id).length);
  const [count, setCount] = useState(0);
  const [manual, setManual] = useState('');
  const [camera, setCamera] = useState<'off' | 'on' | 'error'>('off');
  const [direction, setDirection] = useState<'in' | 'out'>('in');
  const video = useRef<HTMLVideoElement>(null);
  const last = useRef<{ code: string; at: number }>({ code: '', at: 0 });
  const busy = useRef(false);
  const syncing = useRef(false);

  const refreshKit = useCallback(async () => {
    const k = await ok(gateApi.GET('/api/checkin/fairs/{fair}/offline-kit', { params: { path: { fair: device.fairId } } }));
    localStorage.setItem(`fair.gate.kit.${device.fairId}`, JSON.stringify(k));
    setKit(k);
  }, [device.fairId]);

  const sync = useCallback(async () => {
    const list = scanQueue.list(device.id);
    if (!list.length || syncing.current) return;
    syncing.current = true;
    try {
      const batch = list.slice(0, 1000);
      await ok(gateApi.POST('/api/checkin/devices/{device}/offline-scans', { params: { path: { device: device.id } }, body: { scans: batch } }));
      setQueued(scanQueue.remove(device.id, new Set(batch.map((s) => s.nonce))));
    } catch {
      /* still offline: keep the queue */
    } finally {
      syncing.current = false;
    }
  }, [device.id]);

  useEffect(() => {
    refreshKit().catch(() => undefined);
    const timer = setInterval(() => {
      if (navigator.onLine) {
        void sync();
        refreshKit().catch(() => undefined);
      }
    }, 5000);
    window.addEventListener('online', sync);
    return () => {
      clearInterval(timer);
      window.removeEventListener('online', sync);
    };
  }, [refreshKit, sync]);

  const show = (s: Omit<Shown, 'at'>) => {
    setShown({ ...s, at: Date.now() });
    setCount((c) => c + 1);
    beep(GOOD.includes(s.verdict));
  };

  const offlineScan = async (code: string, n: string) => {
    if (!kit) {
      show({ verdict: 'invalid', name: null, company: null, visitorType: null, offline: true });
      return;
    }
    const now = new Date();
    const local = await verifyOffline(code, kit, scanQueue.seen(device.id), now, direction);
    if (local.pass) scanQueue.record(device.id, local.pass.serial, local.verdict, now);
    const scan: QueuedScan = { code, nonce: n, scannedAt: now.toISOString(), localVerdict: local.verdict, direction };
    setQueued(scanQueue.push(device.id, scan));
    show({ verdict: local.verdict, name: null, company: null, visitorType: local.pass?.visitorType ?? null, offline: true });
  };

  const handle = async (raw: string, source: 'camera' | 'manual') => {
    const code = raw.replace(/[\r\n]+$/, '');
    if (!code || busy.current) return;
    const now = Date.now();
    if (source === 'camera' && code === last.current.code && now - last.current.at < COOLDOWN_MS) return;
    busy.current = true;
    last.current = { code, at: now };
    const n = nonce();
    try {
      if (!navigator.onLine) return await offlineScan(code, n);
      const r = await ok(gateApi.POST('/api/checkin/devices/{device}/scans', { params: { path: { device: device.id } }, body: { code, nonce: n, direction } }));
      show({ verdict: r.verdict, name: r.visitor?.name ?? null, company: r.visitor?.company ?? null, visitorType: r.visitor?.visitorType ?? null, offline: false });
    } catch (err) {
      if (err instanceof ApiError && err.offline) await offlineScan(code, n);
      else show({ verdict: 'invalid', name: null, company: null, visitorType: null, offline: false, error: ApiError.from(err) });
    } finally {
      last.current = { code, at: Date.now() };
      busy.current = false;
    }
  };
  const handleRef = useRef(handle);
  handleRef.current = handle;

  const stopCamera = useRef<(() => void) | null>(null);
  const toggleCamera = async () => {
    if (stopCamera.current) {
      stopCamera.current();
      stopCamera.current = null;
      setCamera('off');
      return;
    }
    try {
      stopCamera.current = await startCamera(video.current!, (text) => void handleRef.current(text, 'camera'));
      setCamera('on');
    } catch {
      setCamera('error');
    }
  };
  useEffect(() => () => stopCamera.current?.(), []);

  // A handheld scanner types wherever the focus is. When staff last used a button or the
  // direction radios (by keyboard or touch), the code's first character takes the focus back to
  // the scan field, so the code lands there and its Enter checks it instead of pressing the
  // button. Space, Tab, arrows and shortcuts keep working on the focused control.
  const scanInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.key.length !== 1 || e.key === ' ') return;
      const el = document.activeElement;
      if (!scanInput.current || el === scanInput.current) return;
      const typing = el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement || (el instanceof HTMLElement && el.isContentEditable) || (el instanceof HTMLInputElement && !['radio', 'checkbox', 'button', 'submit', 'reset'].includes(el.type));
      if (!typing) scanInput.current.focus();
    };
    document.addEventListener('keydown', onKey, true);
    return () => document.removeEventListener('keydown', onKey, true);
  }, []);

  const good = shown ? GOOD.includes(shown.verdict) : false;
  return (
    <section className="gate">
      <div className="gate-status" role="status">
        <span data-testid="connection">{online ? t.online : t.offline}</span>
        <span data-testid="queue-length">{t.queued(queued)}</span>
        <span data-testid="session-count">{t.scansThisSession(count)}</span>
        <span className="muted" data-testid="kit-status" data-ready={kit ? "true" : "false"}>{kit ? t.kitAt(time(kit.generatedAt)) : t.noKit}</span>
      </div>
      <div
        className={`verdict ${shown ? (good ? 'good' : shown.verdict === 'already-inside' || shown.verdict === 're-entry' ? 'warn' : 'bad') : 'idle'}`}
        data-testid="verdict"
        data-verdict={shown?.verdict ?? ''}
        aria-live="assertive"
        key={shown?.at ?? 0}
      >
        {shown ? (
          <>
            <strong className="verdict-word">{t.verdict[shown.verdict]}</strong>
            {shown.name && <span className="verdict-name">{shown.name}</span>}
            {shown.error && <span className="verdict-name">{shown.error.say(lang)}</span>}
            {shown.company && <span>{shown.company}</span>}
            {shown.visitorType && <span>{t.visitorType[shown.visitorType as keyof typeof t.visitorType] ?? shown.visitorType}</span>}
            {shown.offline && <span className="muted-on-color">{t.checkedOffline}</span>}
          </>
        ) : (
          <span>{t.readyToScan}</span>
        )}
      </div>
      <form
        className="manual"
        onSubmit={(e) => {
          e.preventDefault();
          const v = manual;
          setManual('');
          void handle(v, 'manual');
        }}
      >
        <label htmlFor="scan-input">{t.scanInput}</label>
        <input id="scan-input" ref={scanInput} name="code" autoFocus autoComplete="off" value={manual} onChange={(e) => setManual(e.target.value)} data-testid="scan-input" />
        <button type="submit">{t.check}</button>
      </form>
      <div className="row">
        <button type="button" className="primary" onClick={() => void toggleCamera()} data-testid="camera-toggle">
          {camera === 'on' ? t.cameraOff : t.cameraOn}
        </button>
        <fieldset className="direction">
          <legend className="sr-only">{t.direction}</legend>
          <label>
            <input type="radio" name="dir" checked={direction === 'in'} onChange={() => setDirection('in')} /> {t.dirIn}
          </label>
          <label>
            <input type="radio" name="dir" checked={direction === 'out'} onChange={() => setDirection('out')} /> {t.dirOut}
          </label>
        </fieldset>
        <button type="button" onClick={() => void sync()} disabled={!queued}>
          {t.syncNow}
        </button>
        <button
          type="button"
          onClick={() => {
            session.clear('gate');
            onSignOut();
          }}
        >
          {t.signOut}
        </button>
      </div>
      {camera === 'error' && (
        <p className="alert error" role="alert">
          {t.cameraError}
        </p>
      )}
      <video ref={video} className={camera === 'on' ? 'camera' : 'camera hidden'} muted aria-label={t.cameraView} />
      <p className="muted">{t.deviceLabel(device.name, number(queued))}</p>
    </section>
  );
}
