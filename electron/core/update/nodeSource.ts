/**
 * An UpdateSource made of electron-updater's own parts that run without Electron: its generic
 * provider reads and parses the feed (latest.yml, or latest-mac.yml / latest-linux.yml) and
 * picks the file for this system, and builder-util-runtime's HttpExecutor downloads it through
 * the same checksum (sha512) and redirect code the desktop app's autoUpdater uses. Only the
 * transport differs: Node's http here, Electron's net there. The tests run the update decisions
 * through it against a local HTTP server; the desktop app uses autoUpdater (electron/desktop/updates.ts).
 */
import type { ClientRequest, IncomingMessage, RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CancellationToken, configureRequestOptions, configureRequestUrl, HttpExecutor } from 'builder-util-runtime';
import type { ProviderPlatform, ProviderRuntimeOptions } from 'electron-updater/out/providers/Provider.js';
import { GenericProvider } from 'electron-updater/out/providers/GenericProvider.js';
import { gt } from 'semver';
import { request as httpRequest } from '../builtins.js';
import type { UpdateOffer, UpdateSource } from './controller.js';

class NodeHttpExecutor extends HttpExecutor<ClientRequest> {
  createRequest(options: RequestOptions, callback: (response: IncomingMessage) => void): ClientRequest {
    return (options.protocol === 'https:' ? httpsRequest : httpRequest)(options, callback);
  }

  /** What electron-updater's ElectronHttpExecutor.download does, over Node's http. */
  download(url: URL, destination: string, sha512: string): Promise<string> {
    const cancellationToken = new CancellationToken();
    return cancellationToken.createPromise((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = {};
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(
        requestOptions,
        {
          destination,
          options: { sha512, cancellationToken },
          onCancel,
          callback: (error) => (error ? reject(error) : resolve(destination)),
          responseHandler: null,
        },
        0,
      );
    });
  }
}

export interface NodeSourceOptions {
  /** The generic feed's base URL: where latest.yml and the installers are. */
  url: string;
  currentVersion: string;
  platform: ProviderPlatform;
  /** Where downloads go. */
  downloadDir: string;
  /** Told the path of a verified download. */
  install(file: string): void;
}

export function nodeUpdateSource(options: NodeSourceOptions): UpdateSource {
  const executor = new NodeHttpExecutor();
  // The provider reads the channel from the updater; no channel means "latest".
  const updater = { channel: null, isAddNoCacheQuery: false };
  const runtime = { isUseMultipleRangeRequest: false, platform: options.platform, executor } as unknown as ProviderRuntimeOptions;
  const provider = new GenericProvider({ provider: 'generic', url: options.url }, updater as never, runtime);
  let downloaded: string | null = null;
  let info: Awaited<ReturnType<GenericProvider['getLatestVersion']>> | null = null;
  return {
    async check(): Promise<UpdateOffer | null> {
      info = await provider.getLatestVersion();
      return gt(info.version, options.currentVersion) ? { version: info.version } : null;
    },
    async download(offer) {
      if (!info || info.version !== offer.version) throw new Error(`version ${offer.version} was not offered by the last check`);
      const [file] = provider.resolveFiles(info);
      if (!file) throw new Error(`the feed lists no file for version ${offer.version}`);
      if (!file.info.sha512) throw new Error(`the feed gives no sha512 for ${file.url.href}`);
      const destination = join(options.downloadDir, `${offer.version}-${file.url.pathname.split('/').pop() ?? 'update'}`);
      downloaded = null;
      try {
        downloaded = await executor.download(file.url, destination, file.info.sha512);
      } catch (error) {
        // A wrong or partial file is never kept, so it can never be installed.
        await rm(destination, { force: true });
        throw error;
      }
    },
    install() {
      if (!downloaded) throw new Error('nothing downloaded to install');
      options.install(downloaded);
    },
  };
}
