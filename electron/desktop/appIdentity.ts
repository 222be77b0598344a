/** electron-builder.yml's appId: Windows files the app's notifications under it. */
export const APP_ID = 'com.switchboard.softphone';
