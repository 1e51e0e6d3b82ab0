import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { listenForCommands } from '../../../content/commands';
import { recordCount } from '../../security-counts';

/**
 * An orphaned content script (issue 7, "Failure"): after the extension is reloaded or updated,
 * Chrome removes `runtime` from the old script; WXT then invalidates its context, and whatever
 * runs on invalidation must not throw into the page.
 */
describe('a content script orphaned by an extension reload', () => {
  it('stops answering commands without throwing when runtime is already gone', () => {
    const onInvalidated: Array<() => void> = [];
    const ctx = { onInvalidated: (cb: () => void) => onInvalidated.push(cb) } as unknown as ContentScriptContext;
    listenForCommands(ctx, { docKey: () => 'gdocs:abc' });
    expect(onInvalidated).toHaveLength(1);

    const runtime = fakeBrowser.runtime;
    const orphan = fakeBrowser as unknown as { runtime: typeof runtime | undefined };
    orphan.runtime = undefined;
    let threw = true;
    try {
      for (const cb of onInvalidated) cb();
      threw = false;
    } finally {
      orphan.runtime = runtime;
      recordCount('failures', 1, threw ? 1 : 0);
    }
    expect(threw).toBe(false);
  });
});
