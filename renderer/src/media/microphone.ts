/**
 * The one microphone capture every call shares. Each call gets a clone of its track, so that
 * muting one call (clone.enabled = false) leaves the others alone; a new device replaces the
 * capture and every clone with it. No microphone, or no permission, is a reason, not a failure:
 * calls go on listen-only and say why.
 */

export interface Capture {
  track: MediaStreamTrack | null;
  /** Why there is no track: shown on each call as "listen only". */
  problem: string | null;
  /** Set when the chosen device could not be used and the default was taken instead. */
  fellBack: boolean;
}

/**
 * Opens `deviceId` (null: the default) with echo cancellation, noise suppression and auto gain
 * all on or all off, as `voiceProcessing` says (AudioSettings.voiceProcessing).
 */
export async function captureMicrophone(deviceId: string | null, voiceProcessing: boolean): Promise<Capture> {
  if (!navigator.mediaDevices?.getUserMedia) return { track: null, problem: 'this browser gives no access to a microphone', fellBack: false };
  const processing = { echoCancellation: voiceProcessing, noiseSuppression: voiceProcessing, autoGainControl: voiceProcessing };
  const open = (id: string | null): Promise<MediaStream> =>
    navigator.mediaDevices.getUserMedia({ audio: id === null ? processing : { ...processing, deviceId: { exact: id } }, video: false });
  try {
    return { track: firstTrack(await open(deviceId)), problem: null, fellBack: false };
  } catch (error) {
    if (deviceId !== null && isMissingDevice(error)) {
      try {
        return { track: firstTrack(await open(null)), problem: null, fellBack: true };
      } catch (fallbackError) {
        return { track: null, problem: describeFailure(fallbackError), fellBack: true };
      }
    }
    return { track: null, problem: describeFailure(error), fellBack: false };
  }
}

function firstTrack(stream: MediaStream): MediaStreamTrack | null {
  return stream.getAudioTracks()[0] ?? null;
}

function isMissingDevice(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'OverconstrainedError' || error.name === 'NotFoundError');
}

function describeFailure(error: unknown): string {
  if (error instanceof DOMException) {
    if (error.name === 'NotAllowedError' || error.name === 'SecurityError') return 'microphone permission was refused';
    if (error.name === 'NotFoundError' || error.name === 'OverconstrainedError') return 'no microphone was found';
    if (error.name === 'NotReadableError') return 'the microphone is in use by another program or failed';
  }
  return `the microphone could not be opened (${error instanceof Error ? error.message : String(error)})`;
}
