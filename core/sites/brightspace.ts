import { type DomProbe, httpsUrl } from './probe';

/**
 * Brightspace (D2L) addresses and page signature, as pure functions (tested with URL tables).
 * Content topic: /d2l/le/content/<orgUnit>/viewContent/<topic>/View
 *   an HTML topic is shown in iframe.d2l-iframe inside div.d2l-fileviewer-text (same origin);
 *   other topics show their description in a d2l-html-block.
 * Its editor:    /d2l/le/content/<orgUnit>/contentfile/<topic>/EditFile
 *   the d2l-htmleditor web component (TinyMCE inside its shadow root).
 * Hosted Brightspace lives on *.brightspace.com; self-hosted instances are granted by the user.
 */

export type BrightspaceView = 'topic' | 'topicEdit';

export interface BrightspaceRef {
  host: string;
  orgUnit: string;
  topic: string;
  view: BrightspaceView;
}

const TOPIC_PATH = /^\/d2l\/le\/content\/(\d{1,12})\/viewContent\/(\d{1,12})\/View\/?$/i;
const EDIT_PATH = /^\/d2l\/le\/content\/(\d{1,12})\/contentfile\/(\d{1,12})\/EditFile\/?$/i;

export function parseBrightspaceUrl(url: string): BrightspaceRef | null {
  const parsed = httpsUrl(url);
  if (!parsed) return null;
  const host = parsed.hostname.toLowerCase();
  const topic = TOPIC_PATH.exec(parsed.pathname);
  if (topic?.[1] && topic[2]) return { host, orgUnit: topic[1], topic: topic[2], view: 'topic' };
  const edit = EDIT_PATH.exec(parsed.pathname);
  if (edit?.[1] && edit[2]) return { host, orgUnit: edit[1], topic: edit[2], view: 'topicEdit' };
  return null;
}

export function brightspaceDocKey(ref: BrightspaceRef): string {
  return `brightspace:${ref.host}:${ref.orgUnit}:${ref.topic}`;
}

export const BRIGHTSPACE_SELECTORS = {
  title: 'h1.d2l-page-title, .d2l-page-title',
  /** The HTML topic's frame; its document's body holds the text. */
  topicFrame: '.d2l-fileviewer-text iframe.d2l-iframe, iframe.d2l-iframe-fit-user-content',
  /** A topic's description rendered in the page (web component with the HTML in its light DOM). */
  htmlBlock: 'd2l-html-block, .d2l-htmlblock-rendered',
  editors: 'd2l-htmleditor, d2l-html-editor',
  editTitle: 'input#title, input[name="title"], d2l-input-text#title',
};

/** Brightspace's page frame: its navigation bar web component or body class. */
export function looksLikeBrightspace(page: DomProbe): boolean {
  return page.querySelector('d2l-navigation, body.d2l-body, .d2l-page-main') !== null;
}
