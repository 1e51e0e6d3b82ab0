import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { BankFile } from '../core/bank/types';
import type { DocumentView, ReadError } from '../core/protocol';
import { onDocumentChanged, send } from '../lib/messaging';
import { CoverageView } from './CoverageView';
import { DashboardLink } from './DashboardLink';
import { OtherSiteLink } from './SiteAccess';
import { TrackAnywayButton } from './TrackAnywayButton';

type State =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'noDocument' }
  | { kind: 'waiting'; failure: ReadError | null }
  | { kind: 'ready'; view: DocumentView; bank: BankFile };

/**
 * The side panel: shows one document's coverage. With `?doc=<docKey>` it shows that stored
 * document; otherwise it follows the active tab and refreshes when the background says the
 * document changed.
 */
export function SidePanel({ requestedDocKey }: { requestedDocKey: string | null }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [docKey, setDocKey] = useState<string | null>(requestedDocKey);

  useEffect(() => {
    if (requestedDocKey) return;
    let cancelled = false;
    // Tab events come in bursts and their answers can arrive out of order: only the latest
    // question about the active tab may decide what the panel shows.
    let latest = 0;
    const follow = async () => {
      const asked = ++latest;
      try {
        const active = await send({ type: 'getActiveDocument' });
        if (cancelled || asked !== latest) return;
        setDocKey(active.docKey);
        if (!active.docKey) setState({ kind: 'noDocument' });
        else if (active.failure) setState({ kind: 'waiting', failure: active.failure });
      } catch (error) {
        if (!cancelled && asked === latest) setState({ kind: 'error', message: (error as Error).message });
      }
    };
    void follow();
    const onTabChange = () => void follow();
    browser.tabs.onActivated.addListener(onTabChange);
    browser.tabs.onUpdated.addListener(onTabChange);
    // A document with no record yet: a later failure (retrying, gave up) replaces the message.
    const stopChanges = onDocumentChanged(() => void follow());
    return () => {
      cancelled = true;
      browser.tabs.onActivated.removeListener(onTabChange);
      browser.tabs.onUpdated.removeListener(onTabChange);
      stopChanges();
    };
  }, [requestedDocKey]);

  useEffect(() => {
    if (!docKey) return;
    let cancelled = false;
    const load = async () => {
      try {
        const [view, bank] = await Promise.all([send({ type: 'getDocument', docKey }), send({ type: 'getBank' })]);
        if (cancelled) return;
        if (view) setState({ kind: 'ready', view, bank });
        else setState((s) => (s.kind === 'waiting' ? s : { kind: 'waiting', failure: null }));
      } catch (error) {
        if (!cancelled) setState({ kind: 'error', message: (error as Error).message });
      }
    };
    void load();
    const stop = onDocumentChanged((changed) => {
      if (changed === docKey) void load();
    });
    return () => {
      cancelled = true;
      stop();
    };
  }, [docKey]);

  switch (state.kind) {
    case 'loading':
      return <p class="notice">Loading…</p>;
    case 'error':
      return (
        <p class="notice notice-error" role="alert">
          {state.message}
        </p>
      );
    case 'noDocument':
      return (
        <div class="empty">
          <h1>PlanLens</h1>
          <DashboardLink />
          <p>
            Open an implementation plan in Google Docs and PlanLens will show which stage and driver questions it
            answers.
          </p>
          <OtherSiteLink />
        </div>
      );
    case 'waiting':
      return (
        <div class="empty">
          <h1>PlanLens</h1>
          <DashboardLink />
          {state.failure ? (
            <>
              <p class="notice notice-error" role="alert">
                {state.failure.message}
              </p>
              {state.failure.reason === 'not_a_plan' && docKey && <TrackAnywayButton docKey={docKey} />}
            </>
          ) : (
            <p>Reading the document…</p>
          )}
        </div>
      );
    case 'ready':
      return <CoverageView view={state.view} bank={state.bank} inTab={requestedDocKey !== null} />;
  }
}
