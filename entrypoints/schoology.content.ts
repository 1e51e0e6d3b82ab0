import { defineContentScript } from 'wxt/utils/define-content-script';
import { schoologyAdapter } from '../content/adapters/schoology';
import { runDomPage } from '../content/run-page';

export default defineContentScript({
  matches: ['https://*.schoology.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    runDomPage(ctx, schoologyAdapter);
  },
});
