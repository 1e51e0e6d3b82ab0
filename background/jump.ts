import type { ShowPassageCommand } from '../core/content-protocol';
import type { Protocol, Response } from '../core/protocol';
import { documentForUrl } from '../core/sites';
import {
  googleDocHeadingUrl,
  googleDocRefFromKey,
  onlyFragmentDiffers,
  withHeadingFragment,
} from '../core/sites/gdocs';

export interface TabInfo {
  id?: number | undefined;
  url?: string | undefined;
  windowId?: number | undefined;
  active?: boolean | undefined;
}

/** The tab operations "Show in document" needs, passed in so tests run it without a browser. */
export interface TabsAccess {
  /** Tabs whose address PlanLens may see (those on hosts it has access to). */
  query(): Promise<TabInfo[]>;
  navigate(tabId: number, url: string): Promise<void>;
  reload(tabId: number): Promise<void>;
  activate(tab: TabInfo): Promise<void>;
  open(url: string): Promise<void>;
  /** Asks the content script in a tab to highlight and scroll to a passage; false if none answered. */
  showPassage(tabId: number, command: ShowPassageCommand): Promise<boolean>;
}

/**
 * The tab showing a document: the active one if several do. A tab is recognized by its address
 * (documentForUrl), or, for sites whose address does not name the document (Moodle), by the
 * address PlanLens stored for it.
 */
export function findDocumentTab(
  tabs: TabInfo[],
  docKey: string,
  storedUrl: string | null = null,
): (TabInfo & { id: number; url: string }) | null {
  const showing = tabs.filter(
    (tab): tab is TabInfo & { id: number; url: string } =>
      tab.id !== undefined &&
      !!tab.url &&
      (documentForUrl(tab.url)?.docKey === docKey || (storedUrl !== null && onlyFragmentDiffers(tab.url, storedUrl))),
  );
  return showing.find((tab) => tab.active) ?? showing[0] ?? null;
}

/**
 * Shows an evidence passage in its document. Google Docs paints text on a canvas and reads
 * `#heading=` only when the editor loads: the tab is pointed at the heading and reloaded (a new
 * tab opens when none shows the document). Elsewhere the content script highlights the passage.
 */
export async function showEvidence(
  tabs: TabsAccess,
  request: Protocol['showEvidence']['request'],
  storedUrl: string | null,
): Promise<Response<'showEvidence'>> {
  const tab = findDocumentTab(await tabs.query(), request.docKey, storedUrl);
  const gdoc = googleDocRefFromKey(request.docKey);
  if (gdoc) {
    if (!tab) {
      if (!request.anchor) throw new Error('This passage has no heading to open in Google Docs.');
      await tabs.open(googleDocHeadingUrl(gdoc, request.anchor));
      return { shown: 'opened' };
    }
    await tabs.activate(tab);
    if (!request.anchor) return { shown: 'focused' };
    const target = withHeadingFragment(tab.url, request.anchor);
    await tabs.navigate(tab.id, target);
    // Same address but the fragment: the browser would only scroll, and the editor ignores it.
    if (onlyFragmentDiffers(tab.url, target)) await tabs.reload(tab.id);
    return { shown: 'reloaded' };
  }
  if (!tab) {
    // Only a web page's own address: a stored address comes from an import file too, and a
    // data:, javascript: or file: address there must not open a page PlanLens never read.
    if (!storedUrl || !isWebAddress(storedUrl)) throw new Error('Open the document first, then try again.');
    await tabs.open(storedUrl);
    return { shown: 'opened' };
  }
  await tabs.activate(tab);
  const command: ShowPassageCommand = {
    type: 'planlens:showPassage',
    docKey: request.docKey,
    blockId: request.blockId,
    snippet: request.snippet,
  };
  if (!(await tabs.showPassage(tab.id, command))) throw new Error('The page did not answer. Reload it and try again.');
  return { shown: 'scrolled' };
}

function isWebAddress(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
