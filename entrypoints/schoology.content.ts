import { defineContentScript } from 'wxt/utils/define-content-script';
import { schoologyAdapter } from '../content/adapters/schoology';
import { runDomPage } from '../content/run-page';

export default defineContentScript({
  // Injected by the background where this site's probe found a likely plan (core/sites/readers.ts).
  matches: [],
  registration: 'runtime',
  runAt: 'document_idle',
  main(ctx) {
    runDomPage(ctx, schoologyAdapter);
  },
});
