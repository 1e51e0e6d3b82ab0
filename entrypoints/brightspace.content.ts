import { defineContentScript } from 'wxt/utils/define-content-script';
import { brightspaceAdapter } from '../content/adapters/brightspace';
import { runDomPage } from '../content/run-page';

export default defineContentScript({
  matches: ['https://*.brightspace.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    runDomPage(ctx, brightspaceAdapter);
  },
});
