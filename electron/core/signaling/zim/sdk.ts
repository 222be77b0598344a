/**
 * The part of ZEGO's ZIM SDK the adapter uses, typed by zego-zim-web's typings, and how the SDK is
 * loaded: zego-zim-electron (ZEGO's native SDK for Electron, from ZEGO's download centre) when it
 * is installed, otherwise zego-zim-web. Only types are imported at the top: the SDK itself is
 * loaded when a user signs in to ZEGOCLOUD, so tests inject a double through the same seam.
 */
import { errorMessage } from '../../../../shared/protocol/errors.js';
import type { ZIM, ZIMAppConfig, ZIMCallUserState, ZIMCallInvitationMode, ZIMCallState, ZIMUserOnlineStatus } from 'zego-zim-web';
import { UserOnlineStatus, type CallMode, type CallState, type CallUserState } from '../../../../shared/calls/enums.js';

/** What the adapter calls on a ZIM instance; a ZIM instance from either SDK package is one. */
export type ZimSdk = Pick<
  ZIM,
  | 'on'
  | 'off'
  | 'login'
  | 'logout'
  | 'renewToken'
  | 'destroy'
  | 'callInvite'
  | 'callingInvite'
  | 'callCancel'
  | 'callAccept'
  | 'callReject'
  | 'callJoin'
  | 'callQuit'
  | 'callEnd'
  | 'queryCallInvitationList'
  | 'subscribeUsersStatus'
  | 'unsubscribeUsersStatus'
  | 'queryUsersStatus'
  | 'updateUserCustomStatus'
  | 'addUsersToBlacklist'
  | 'removeUsersFromBlacklist'
  | 'queryBlacklist'
>;

/** Creates the ZIM instance for an AppID. */
export type ZimSdkFactory = (appID: number) => Promise<ZimSdk>;

interface ZimModule {
  ZIM: { create(config: ZIMAppConfig): ZIM | null; getInstance(): ZIM | null };
}

/** The SDK packages, in order of preference. */
export const ZIM_SDK_PACKAGES = ['zego-zim-electron', 'zego-zim-web'] as const;

/**
 * Loads the first SDK package that can run here and creates its ZIM instance. The SDK allows one
 * instance per process: an instance left by an earlier sign-in is destroyed first, so that the
 * AppID given now is the one used.
 */
export const loadZimSdk: ZimSdkFactory = async (appID) => {
  const failures: string[] = [];
  for (const name of ZIM_SDK_PACKAGES) {
    let module: ZimModule;
    try {
      module = await importSdk(name);
    } catch (error) {
      failures.push(`${name}: ${errorMessage(error)}`);
      continue;
    }
    module.ZIM.getInstance()?.destroy();
    const zim = module.ZIM.create({ appID });
    if (!zim) throw new Error(`${name} refused to create a ZIM instance for AppID ${appID}`);
    return zim;
  }
  throw new Error(
    `ZEGO's ZIM SDK could not be loaded (${failures.join('; ')}). Install zego-zim-electron from ZEGO's download centre for the desktop app.`,
  );
};

async function importSdk(name: string): Promise<ZimModule> {
  const module = (await import(/* @vite-ignore */ name)) as Partial<ZimModule> & { default?: Partial<ZimModule> };
  // The packages are CommonJS bundles: Node may expose their exports only as the default export.
  const found = module.ZIM ?? module.default?.ZIM;
  if (!found) throw new Error('it has no ZIM export');
  return { ZIM: found };
}

// ZIM's enums and Switchboard's (shared/calls/enums.ts) have the same numeric values; the
// typecheck proves it here, so that converting between them is only a change of type.
type Values<E extends number> = `${E}`;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameUserStates: Same<Values<ZIMCallUserState>, Values<CallUserState>> = true;
const sameModes: Same<Values<ZIMCallInvitationMode>, Values<CallMode>> = true;
const sameCallStates: Same<Values<ZIMCallState>, Values<CallState>> = true;
void [sameUserStates, sameModes, sameCallStates];

export const fromZimUserState = (state: ZIMCallUserState): CallUserState => state as number as CallUserState;
export const fromZimMode = (mode: ZIMCallInvitationMode): CallMode => mode as number as CallMode;
export const fromZimCallState = (state: ZIMCallState): CallState => state as number as CallState;
export const toZimMode = (mode: CallMode): ZIMCallInvitationMode => mode as number as ZIMCallInvitationMode;
/** ZIM's Online, Offline and Logout are the port's; its Unknown (99) is reported as signed out. */
export const fromZimOnlineStatus = (status: ZIMUserOnlineStatus): UserOnlineStatus =>
  status === 0 || status === 1 ? status : UserOnlineStatus.Logout;
