// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const sent: Array<{ type: string }> = [];
vi.mock('../../../../lib/messaging', () => ({
  send: vi.fn(async (request: { type: string }) => {
    sent.push(request);
    if (request.type === 'getActiveDocument') return { docKey: null, url: null, failure: null };
    throw new Error(`unexpected ${request.type}`);
  }),
  onDocumentChanged: vi.fn(() => () => undefined),
}));

const { mountOverlay, OVERLAY_HOST_TAG } = await import('../../../../content/overlay/mount');
const { toggleOverlay } = await import('../../../../content/overlay/toggle');
const { shadowRootCss } = await import('../../../../content/overlay/styles');

const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(check()).toBe(true);
};

let editor: HTMLElement;
beforeEach(() => {
  sent.length = 0;
  document.body.innerHTML = '<div id="editor" tabindex="0" role="main">The team’s plan text</div>';
  editor = document.getElementById('editor') as HTMLElement;
  editor.focus();
});
afterEach(() => {
  for (const host of document.querySelectorAll(OVERLAY_HOST_TAG)) host.remove();
});

describe('the in-page panel', () => {
  it('renders the panel in a shadow root outside the page’s body, takes the focus, and Escape gives it back', async () => {
    const before = document.body.innerHTML;
    let closed = 0;
    const handle = mountOverlay(document, { mode: 'open', onClosed: () => closed++ });
    const host = document.querySelector(OVERLAY_HOST_TAG) as HTMLElement;
    expect(host.parentElement).toBe(document.documentElement);
    const root = host.shadowRoot as ShadowRoot;
    const dialog = root.querySelector('[role=dialog]') as HTMLElement;
    expect(dialog.getAttribute('aria-label')).toBe('PlanLens panel');
    expect(root.activeElement).toBe(dialog);
    // The same SidePanel as the browser's panel, asking about this tab's document.
    await until(() => root.querySelector('.overlay-body .empty') !== null);
    expect(sent.map((r) => r.type)).toEqual(['getActiveDocument']);
    expect(root.querySelector('style')?.textContent).toContain(':host');
    expect(document.body.innerHTML).toBe(before);

    // Keys typed in the panel do not reach the page's own shortcuts.
    const pageKeys: string[] = [];
    document.addEventListener('keydown', (e) => pageKeys.push(e.key));
    dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true, composed: true }));
    expect(pageKeys).toEqual([]);
    expect(handle.isOpen()).toBe(true);

    dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    expect(handle.isOpen()).toBe(false);
    expect(document.querySelector(OVERLAY_HOST_TAG)).toBeNull();
    expect(document.activeElement).toBe(editor);
    expect(closed).toBe(1);
    handle.close();
    expect(closed).toBe(1);
  });

  it('closes from its close button', () => {
    const handle = mountOverlay(document, { mode: 'open' });
    const root = (document.querySelector(OVERLAY_HOST_TAG) as HTMLElement).shadowRoot as ShadowRoot;
    const close = root.querySelector('button.overlay-close') as HTMLButtonElement;
    expect(close.textContent).toBe('Close');
    close.click();
    expect(handle.isOpen()).toBe(false);
    expect(document.querySelector(OVERLAY_HOST_TAG)).toBeNull();
  });

  it('toggles: each injection opens or closes the one panel, in a closed root', () => {
    const scope = {} as typeof globalThis;
    expect(toggleOverlay(document, scope)).toBe('opened');
    const host = document.querySelector(OVERLAY_HOST_TAG) as HTMLElement;
    expect(host.shadowRoot).toBeNull();
    expect(toggleOverlay(document, scope)).toBe('closed');
    expect(document.querySelectorAll(OVERLAY_HOST_TAG)).toHaveLength(0);
    expect(toggleOverlay(document, scope)).toBe('opened');
    expect(document.querySelectorAll(OVERLAY_HOST_TAG)).toHaveLength(1);
  });

  it('opens again on the next toggle after being closed from inside, or removed by the page', () => {
    const scope = {} as typeof globalThis & { __planlensOverlay?: { close(): void; isOpen(): boolean } };
    expect(toggleOverlay(document, scope)).toBe('opened');
    // Escape and the close button call the panel's own close().
    scope.__planlensOverlay?.close();
    expect(document.querySelectorAll(OVERLAY_HOST_TAG)).toHaveLength(0);
    expect(toggleOverlay(document, scope)).toBe('opened');
    // A page script removed the host element: the next toggle shows the panel again at once.
    (document.querySelector(OVERLAY_HOST_TAG) as HTMLElement).remove();
    expect(toggleOverlay(document, scope)).toBe('opened');
    expect(document.querySelectorAll(OVERLAY_HOST_TAG)).toHaveLength(1);
  });
});

describe('the panel’s styles in a shadow root', () => {
  it('move the page-wide rules to the host and the panel body, and stop the page’s inherited styles', () => {
    const css = shadowRootCss(
      ':root {\n  --bg: #fff;\n}\nbody {\n  margin: 0;\n}\n.notice, body, .x {\n  color: red;\n}\n.tbody {\n  x: 1;\n}',
      '.overlay {\n  height: 100%;\n}',
    );
    expect(css).toBe(
      ':host {\n  all: initial;\n}\n:host {\n  --bg: #fff;\n}\n.overlay-body {\n  margin: 0;\n}\n.notice, .overlay-body, .x {\n  color: red;\n}\n.tbody {\n  x: 1;\n}\n.overlay {\n  height: 100%;\n}',
    );
  });
});
