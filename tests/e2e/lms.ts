import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Route } from 'playwright-core';
import { ROOT } from './harness';

/** LMS fixtures: saved pages modeled on the real templates, filled in and served at real addresses. */

export function lmsFixture(name: string): string {
  return readFileSync(path.join(ROOT, 'tests/fixtures/lms', name), 'utf8');
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Fills a template's {{NAME}} fields: text fields escaped, BODY as HTML, BODY_ESCAPED as text. */
export function fillTemplate(
  template: string,
  fields: Record<string, string>,
  /** Fields inserted as they are (JSON for a fixture's script, already made safe). */
  raw: Record<string, string> = {},
): string {
  return template.replace(/\{\{([A-Z_]+)\}\}/g, (whole, name: string) => {
    if (raw[name] !== undefined) return raw[name];
    if (name === 'BODY') return fields.BODY ?? '';
    if (name === 'BODY_ESCAPED') return escapeHtml(fields.BODY ?? '');
    const value = fields[name];
    return value === undefined ? whole : escapeHtml(value);
  });
}

export interface ServedPage {
  /** How many times the page was loaded. */
  loads: number;
  html: string;
}

/** Serves `html` at `url` (exactly, query included); the returned object can change it later. */
export async function servePage(context: BrowserContext, url: string, html: string): Promise<ServedPage> {
  const served: ServedPage = { loads: 0, html };
  const target = new URL(url);
  await context.route(
    (candidate) =>
      candidate.origin === target.origin &&
      candidate.pathname === target.pathname &&
      candidate.search === target.search,
    async (route: Route) => {
      served.loads += 1;
      await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: served.html });
    },
  );
  return served;
}

/**
 * Which document the PlanLens reader in the tab at `url` says it shows, asked from the service
 * worker as the side panel's question is; null when no reader answers there (none was started).
 */
export async function readerInTab(context: BrowserContext, url: string): Promise<string | null> {
  const worker = context.serviceWorkers()[0];
  if (!worker) throw new Error('no service worker');
  return worker.evaluate(async (address) => {
    type Chrome = {
      tabs: {
        query(q: { url: string }): Promise<Array<{ id?: number }>>;
        sendMessage(tabId: number, message: unknown, options: { frameId: number }): Promise<unknown>;
      };
    };
    const chrome = (globalThis as unknown as { chrome: Chrome }).chrome;
    const [tab] = await chrome.tabs.query({ url: address });
    if (tab?.id === undefined) throw new Error(`no tab at ${address}`);
    try {
      const reply = (await chrome.tabs.sendMessage(tab.id, { type: 'planlens:whichDocument' }, { frameId: 0 })) as
        | { docKey?: unknown }
        | undefined;
      return typeof reply?.docKey === 'string' ? reply.docKey : null;
    } catch {
      return null;
    }
  }, url);
}
