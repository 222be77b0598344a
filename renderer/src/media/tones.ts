/**
 * The app's sounds, made with WebAudio so that no audio file is needed: the ringtone (while a
 * call rings and none is connected), a short call-waiting beep (while one is), and a busy tone
 * for a call that was turned away. They play on the ringtone device.
 *
 * The AudioContext runs only while a sound plays: a running context keeps Chromium's audio
 * rendering going (an output stream rendering silence, about 2.5 % of a core) even when nothing
 * is connected to it, for the whole of every call that followed a ring. It is suspended as soon as
 * the last sound stops and resumed when the next one starts.
 */

export type Ringing = 'ring' | 'waiting' | null;

/** The ringtone while a call rings and none is connected; the call-waiting beep while one is. */
export function ringingFor(calls: ReadonlyArray<{ phase: string }>): Ringing {
  if (!calls.some((call) => call.phase === 'ringing')) return null;
  return calls.some((call) => call.phase === 'connected') ? 'waiting' : 'ring';
}

interface Pattern {
  /** Frequencies mixed together, Hz. */
  tones: number[];
  /** On and off durations, seconds, repeated. */
  cadence: number[];
}

/** The North American ring (440 + 480 Hz, 2 s on, 4 s off), call-waiting (two 440 Hz beeps every 6 s), busy (480 + 620 Hz). */
const RING: Pattern = { tones: [440, 480], cadence: [2, 4] };
const WAITING: Pattern = { tones: [440], cadence: [0.3, 0.2, 0.3, 5.2] };
const BUSY: Pattern = { tones: [480, 620], cadence: [0.5, 0.5] };
const BUSY_SECONDS = 3;
const LEVEL = 0.12;

export class Tones {
  #context: AudioContext | null = null;
  #ringing: Ringing = null;
  #stopRinging: (() => void) | null = null;
  #sink: string | null = null;
  /** The sounds playing now (the ring or call-waiting beep, busy tones); the context runs only while there are any. */
  #playing = 0;
  readonly #listening = new AbortController();

  constructor() {
    // A page may not start audio before a gesture; the first one lets a sound that waits for it play
    // (Electron needs none).
    const unlock = (): void => {
      if (this.#playing > 0) void this.#context?.resume();
    };
    const options = { capture: true, signal: this.#listening.signal };
    window.addEventListener('pointerdown', unlock, options);
    window.addEventListener('keydown', unlock, options);
  }

  setRinging(kind: Ringing): void {
    if (kind === this.#ringing) return;
    this.#ringing = kind;
    this.#stopRinging?.();
    this.#stopRinging = kind === null ? null : this.#play(kind === 'ring' ? RING : WAITING, Infinity);
  }

  busy(): void {
    this.#play(BUSY, BUSY_SECONDS);
  }

  setDevice(deviceId: string | null): void {
    // Called with every state; choosing the output again costs the browser a device switch. (A
    // device that could not be chosen is not tried again until the setting or the context changes.)
    if (deviceId === this.#sink) return;
    this.#sink = deviceId;
    this.#applySink();
  }

  dispose(): void {
    this.#listening.abort();
    this.#stopRinging?.();
    void this.#context?.close();
    this.#context = null;
  }

  /** Schedules the pattern on a gain envelope; returns what stops it early (once; later calls do nothing). */
  #play(pattern: Pattern, seconds: number): () => void {
    const context = this.#audio();
    this.#playing += 1;
    if (context.state === 'suspended') context.resume().catch(() => undefined);
    const gain = context.createGain();
    gain.gain.value = 0;
    gain.connect(context.destination);
    const oscillators = pattern.tones.map((frequency) => {
      const oscillator = context.createOscillator();
      oscillator.frequency.value = frequency;
      oscillator.connect(gain);
      oscillator.start();
      return oscillator;
    });
    const period = pattern.cadence.reduce((sum, part) => sum + part, 0);
    let scheduledUntil = context.currentTime;
    const end = context.currentTime + seconds;
    // Envelopes for the next 30 s at a time, so a long ring needs no timer per beep.
    const schedule = (): void => {
      const until = Math.min(end, context.currentTime + 30);
      while (scheduledUntil < until) {
        let at = scheduledUntil;
        pattern.cadence.forEach((length, index) => {
          gain.gain.setValueAtTime(index % 2 === 0 ? LEVEL : 0, at);
          at += length;
        });
        scheduledUntil += period;
      }
    };
    schedule();
    const refill = Number.isFinite(seconds) ? null : setInterval(schedule, 20_000);
    let stopped = false;
    const stop = (): void => {
      if (stopped) return;
      stopped = true;
      if (refill) clearInterval(refill);
      for (const oscillator of oscillators) oscillator.stop();
      gain.disconnect();
      this.#playing -= 1;
      // Also when a resume still waits for a gesture: that one must not start a context with nothing to play.
      if (this.#playing === 0 && context === this.#context) context.suspend().catch(() => undefined);
    };
    if (Number.isFinite(seconds)) setTimeout(stop, seconds * 1000);
    return stop;
  }

  #audio(): AudioContext {
    if (!this.#context) {
      this.#context = new AudioContext();
      this.#applySink();
    }
    return this.#context;
  }

  #applySink(): void {
    const context = this.#context as (AudioContext & { setSinkId?: (id: string) => Promise<void> }) | null;
    context?.setSinkId?.(this.#sink ?? '').catch(() => undefined);
  }
}
