import { describe, expect, it } from 'vitest';
import { APP_ID, appUserModelId } from './appIdentity.js';

describe('appUserModelId', () => {
  it("is the installed app's ID when packaged, and another one for `npm start`", () => {
    expect(appUserModelId(true)).toBe(APP_ID);
    expect(appUserModelId(false)).not.toBe(APP_ID);
    expect(appUserModelId(false).startsWith(APP_ID)).toBe(true);
  });
});
