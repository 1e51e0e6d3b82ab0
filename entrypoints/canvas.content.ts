import { defineContentScript } from 'wxt/utils/define-content-script';
import { canvasAdapter } from '../content/adapters/canvas';
import { runDomPage } from '../content/run-page';

export default defineContentScript({
  matches: ['https://*.instructure.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    runDomPage(ctx, canvasAdapter);
  },
});
