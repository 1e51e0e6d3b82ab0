import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { BankFile } from '../core/bank/types';
import type { DocumentPanelState } from '../core/coverage/visits';
import type { DocumentView, ReadError } from '../core/protocol';
import { t } from '../lib/i18n';
import { onDocumentChanged, send } from '../lib/messaging';
import { CoverageView } from './CoverageView';
import { DashboardLink } from './DashboardLink';
import { readFailureText } from './labels';
import { OtherSiteLink } from './SiteAccess';
import { TrackAnywayButton } from './TrackAnywayButton';

/** While no document shows: how often the panel asks again (background/probes.ts ASKED_AGAIN_MS). */
const ASK_AGAIN_MS = 15_000;

type State =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'noDocument' }
  | { kind: 'waiting'; failure: ReadError | null }
  | { kind: 'ready'; view: DocumentView; bank: BankFile; panel: DocumentPanelState }
  /** The user chose "Stop tracking" here: nothing is stored any more. */
  | { kind: 'stopped' };

/**
 * The side panel: shows one document's coverage. With `?doc=<docKey>` it shows that stored
 * document; otherwise it follows the active tab and refreshes when the background says the
 * document changed.
 */
export function SidePanel({ requestedDocKey, inPage = false }: { requestedDocKey: string | null; inPage?: boolean }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [docKey, setDocKey] = useState<string | null>(requestedDocKey);

  useEffect(() => {
    if (requestedDocKey) return;
    let cancelled = false;
    // Tab events come in bursts and their answers can arrive out of order: only the latest
    // question about the active tab may decide what the panel shows.
    let latest = 0;
    /** No document, or a page held as no plan: it may become one as the team writes. */
    let mayBecomePlan = false;
    const follow = async () => {
      const asked = ++latest;
      try {
        const active = await send({ type: 'getActiveDocument' });
        if (cancelled || asked !== latest) return;
        setDocKey(active.docKey);
        mayBecomePlan = !active.docKey || active.failure?.reason === 'not_a_plan';
        if (!active.docKey) setState({ kind: 'noDocument' });
        else if (active.failure) setState({ kind: 'waiting', failure: active.failure });
      } catch (error) {
        if (!cancelled && asked === latest) setState({ kind: 'error', message: (error as Error).message });
      }
    };
    void follow();
    // A page that is not a plan yet may become one as the team writes: while the panel shows no
    // document (or one held as no plan, whose page nothing watches), it asks again now and then
    // (the background looks at a page at most that often).
    const askAgain = setInterval(() => {
      if (mayBecomePlan) void follow();
    }, ASK_AGAIN_MS);
    const onTabChange = () => void follow();
    // In the in-page overlay (a content script) there are no tab events: the page is the tab.
    const tabs = inPage ? undefined : browser.tabs;
    tabs?.onActivated.addListener(onTabChange);
    tabs?.onUpdated.addListener(onTabChange);
    // A document with no record yet: a later failure (retrying, gave up) replaces the message.
    const stopChanges = onDocumentChanged(() => void follow());
    return () => {
      cancelled = true;
      clearInterval(askAgain);
      tabs?.onActivated.removeListener(onTabChange);
      tabs?.onUpdated.removeListener(onTabChange);
      stopChanges();
    };
  }, [requestedDocKey, inPage]);

  useEffect(() => {
    if (!docKey) return;
    let cancelled = false;
    const load = async () => {
      try {
        const [view, bank] = await Promise.all([send({ type: 'getDocument', docKey }), send({ type: 'getBank' })]);
        if (cancelled) return;
        if (!view) {
          setState((s) => (s.kind === 'waiting' || s.kind === 'stopped' ? s : { kind: 'waiting', failure: null }));
          return;
        }
        // The panel shows the document now: this is (part of) a visit, for "answered since".
        const panel = await send({ type: 'recordVisit', docKey });
        if (!cancelled) setState({ kind: 'ready', view, bank, panel });
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
      return <p class="notice">{t('panel_loading')}</p>;
    case 'error':
      return (
        <p class="notice notice-error" role="alert">
          {state.message}
        </p>
      );
    case 'noDocument':
      return (
        <div class="empty">
          <h1>{t('extName')}</h1>
          {!inPage && <DashboardLink />}
          <p>{t('panel_noDocument')}</p>
          {!inPage && <OtherSiteLink />}
        </div>
      );
    case 'waiting':
      return (
        <div class="empty">
          <h1>{t('extName')}</h1>
          {!inPage && <DashboardLink />}
          {state.failure ? (
            <>
              <p class="notice notice-error" role="alert">
                {readFailureText(state.failure)}
              </p>
              {(state.failure.reason === 'not_a_plan' || state.failure.reason === 'stopped') && docKey && (
                <TrackAnywayButton docKey={docKey} />
              )}
            </>
          ) : (
            <p>{t('panel_reading')}</p>
          )}
        </div>
      );
    case 'stopped':
      return (
        <div class="empty">
          <h1>{t('extName')}</h1>
          {!inPage && <DashboardLink />}
          <output class="notice stopped-notice">{t('panel_stopped')}</output>
          {docKey && <TrackAnywayButton docKey={docKey} />}
        </div>
      );
    case 'ready':
      return (
        <CoverageView
          key={state.view.record.docKey}
          view={state.view}
          bank={state.bank}
          panel={state.panel}
          inTab={requestedDocKey !== null}
          inPage={inPage}
          onPanelChange={(panel) => setState((s) => (s.kind === 'ready' ? { ...s, panel } : s))}
          onStopped={() => setState({ kind: 'stopped' })}
        />
      );
  }
}
