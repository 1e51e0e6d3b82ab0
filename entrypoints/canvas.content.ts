import { defineContentScript } from 'wxt/utils/define-content-script';
import { canvasAdapter } from '../content/adapters/canvas';
import { runDomPage } from '../content/run-page';

export default defineContentScript({
  // Only addresses that can show a document: every other Canvas page costs nothing.
  matches: ['https://*.instructure.com/courses/*/pages/*', 'https://*.instructure.com/courses/*/assignments/*'],
  runAt: 'document_idle',
  main(ctx) {
    runDomPage(ctx, canvasAdapter);
  },
});
