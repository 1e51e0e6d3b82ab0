import { type ChildProcess, spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { CHROMIUM_ARGS, DIST, extensionArgs, findChromium, newProfileDir, removeProfileDir } from './harness';

/**
 * Chromium with the built extension, driven over the DevTools protocol's pipe and nothing else.
 * Playwright enables the protocol's Network domain in every page it drives, and with it the
 * browser keeps a copy of every response body and decodes it for the inspector, in the page's
 * main thread: a 10 MB export then costs the page a task of about 100 ms that no user's browser
 * runs. A test that measures the page's tasks as users get them opens its page here, where only
 * Fetch (to serve fixtures at their real addresses), Page, Runtime and Tracing are used.
 */

export interface CdpMessage {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: { message: string };
  sessionId?: string;
}

export interface Fixture {
  status: number;
  contentType: string;
  body: string;
}

export interface PipeBrowser {
  send<T = Record<string, unknown>>(method: string, params?: object, sessionId?: string): Promise<T>;
  /** Calls `listener` with every event; returns its removal. */
  onEvent(listener: (message: CdpMessage) => void): () => void;
  /**
   * A new tab whose every request goes to `serve`: its fixture, or a failed request (nothing
   * reaches the network). Returns the tab's session id; nothing has loaded in it yet.
   */
  openTab(serve: (url: string) => Fixture | null): Promise<string>;
  close(): Promise<void>;
}

export async function launchPipe(): Promise<PipeBrowser> {
  const userDataDir = newProfileDir();
  const child = spawn(
    findChromium(),
    [
      '--headless',
      `--user-data-dir=${userDataDir}`,
      '--remote-debugging-pipe',
      ...extensionArgs(DIST),
      ...CHROMIUM_ARGS,
    ],
    // The protocol's pipe: the browser reads fd 3 and writes fd 4.
    { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
  );
  const toBrowser = child.stdio[3] as Writable;
  const fromBrowser = child.stdio[4] as Readable;
  let nextId = 1;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const listeners = new Set<(message: CdpMessage) => void>();
  let buffered = '';
  fromBrowser.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    for (let end = buffered.indexOf('\0'); end >= 0; end = buffered.indexOf('\0')) {
      const message = JSON.parse(buffered.slice(0, end)) as CdpMessage;
      buffered = buffered.slice(end + 1);
      const waiting = message.id !== undefined ? pending.get(message.id) : undefined;
      if (waiting && message.id !== undefined) {
        pending.delete(message.id);
        if (message.error) waiting.reject(new Error(message.error.message));
        else waiting.resolve(message.result ?? {});
      } else for (const listener of listeners) listener(message);
    }
  });
  const send = <T>(method: string, params: object = {}, sessionId?: string): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  const onEvent = (listener: (message: CdpMessage) => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  await untilExtensionRuns(send);

  return {
    send,
    onEvent,
    openTab: async (serve) => {
      const { targetId } = await send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' });
      const { sessionId } = await send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
      onEvent((message) => {
        if (message.method !== 'Fetch.requestPaused' || message.sessionId !== sessionId) return;
        const { requestId, request } = message.params as { requestId: string; request: { url: string } };
        const fixture = serve(request.url);
        const answer = fixture
          ? send(
              'Fetch.fulfillRequest',
              {
                requestId,
                responseCode: fixture.status,
                responseHeaders: [{ name: 'content-type', value: fixture.contentType }],
                body: Buffer.from(fixture.body).toString('base64'),
              },
              sessionId,
            )
          : send('Fetch.failRequest', { requestId, errorReason: 'InternetDisconnected' }, sessionId);
        answer.catch(() => undefined);
      });
      await send('Fetch.enable', { patterns: [{ urlPattern: 'http*' }] }, sessionId);
      return sessionId;
    },
    close: async () => {
      // Closed the way a user closes it, so it is done with its profile before that is removed.
      await Promise.race([send('Browser.close'), new Promise((resolve) => setTimeout(resolve, 5000))]).catch(
        () => undefined,
      );
      await stop(child);
      removeProfileDir(userDataDir);
    },
  };
}

/** Until the extension's service worker runs (it probes the tabs that load from then on). */
async function untilExtensionRuns(send: PipeBrowser['send']): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const { targetInfos } = await send<{ targetInfos: Array<{ type: string; url: string }> }>('Target.getTargets');
    if (targetInfos.some((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'))) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('The extension’s service worker did not start');
}

/** Until the browser's process has exited (killed if it has not within 10 s). */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const timeout = setTimeout(() => child.kill('SIGKILL'), 10_000);
  try {
    await exited;
  } finally {
    clearTimeout(timeout);
  }
}
