import { describe, expect, it } from 'vitest';
import {
  googleDocExportUrl,
  googleDocHeadingUrl,
  googleDocKey,
  parseGoogleDocUrl,
  titleFromGoogleDocsTabTitle,
} from '../../../core/sites/gdocs';

const ID = '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-xy';

describe('Google Docs address detection', () => {
  it.each([
    [`https://docs.google.com/document/d/${ID}/edit`, `gdocs:${ID}`],
    [`https://docs.google.com/document/d/${ID}/edit#heading=h.abc`, `gdocs:${ID}`],
    [`https://docs.google.com/document/d/${ID}/edit?tab=t.0`, `gdocs:${ID}:t.0`],
    [`https://docs.google.com/document/d/${ID}/edit?usp=sharing&tab=t.k2p9`, `gdocs:${ID}:t.k2p9`],
    [`https://docs.google.com/document/u/1/d/${ID}/edit`, `gdocs:${ID}`],
    [`https://docs.google.com/a/district.org/document/d/${ID}/view`, `gdocs:${ID}`],
    [`https://docs.google.com/document/d/${ID}`, `gdocs:${ID}`],
    [`https://docs.google.com/document/d/${ID}/edit?tab=<script>`, `gdocs:${ID}`],
  ])('%s → %s', (url, key) => {
    const ref = parseGoogleDocUrl(url);
    expect(ref).not.toBeNull();
    expect(ref && googleDocKey(ref)).toBe(key);
  });

  it.each([
    'https://docs.google.com/spreadsheets/d/1AbCdEfGhIjKlMnOpQrStUvWxYz0123/edit',
    'https://docs.google.com/document/u/0/',
    'https://docs.google.com/document/d/short/edit',
    `http://docs.google.com/document/d/${ID}/edit`,
    `https://docs.google.com.evil.example/document/d/${ID}/edit`,
    `https://evil.example/docs.google.com/document/d/${ID}/edit`,
    'not a url',
  ])('ignores %s', (url) => {
    expect(parseGoogleDocUrl(url)).toBeNull();
  });

  it('builds the same-origin export address, with the tab when one is selected', () => {
    expect(googleDocExportUrl({ documentId: ID, tabId: null })).toBe(
      `https://docs.google.com/document/d/${ID}/export?format=html`,
    );
    expect(googleDocExportUrl({ documentId: ID, tabId: 't.2' })).toBe(
      `https://docs.google.com/document/d/${ID}/export?format=html&tab=t.2`,
    );
  });

  it('links to a heading', () => {
    expect(googleDocHeadingUrl({ documentId: ID, tabId: null }, 'h.x1y2')).toBe(
      `https://docs.google.com/document/d/${ID}/edit#heading=h.x1y2`,
    );
  });

  it.each([
    ['Lakeview PBIS Plan - Google Docs', 'Lakeview PBIS Plan'],
    ['Plan de implementación - Documentos de Google', 'Plan de implementación - Documentos de Google'],
    ['Plan 2026 – Google Docs', 'Plan 2026'],
    ['Untitled', 'Untitled'],
  ])('title of tab "%s" is "%s"', (tabTitle, title) => {
    expect(titleFromGoogleDocsTabTitle(tabTitle)).toBe(title);
  });
});
