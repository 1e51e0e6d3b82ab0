import { useState } from 'preact/hooks';
import type { Evidence } from '../core/analyze/report';
import { t } from '../lib/i18n';
import { send } from '../lib/messaging';

/**
 * "Show in document": asks the background to show this passage in the document's own tab
 * (Google Docs: the heading that holds it; LMS pages: the passage highlighted). Google Docs
 * passages without a heading have nowhere to jump to, so they get no button.
 */
export function ShowInDocumentButton({ docKey, evidence }: { docKey: string; evidence: Evidence }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (docKey.startsWith('gdocs:') && !evidence.anchor) return null;
  if (docKey.startsWith('file:')) return null;
  const show = async () => {
    setBusy(true);
    setError(null);
    try {
      await send({
        type: 'showEvidence',
        docKey,
        blockId: evidence.blockId,
        ...(evidence.anchor ? { anchor: evidence.anchor } : {}),
        snippet: evidence.snippet,
      });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <p class="show-in-document">
      <button type="button" class="button button-small button-quiet" disabled={busy} onClick={show}>
        {t('panel_showInDocument')}
      </button>
      {error && <span role="alert"> {error}</span>}
    </p>
  );
}
