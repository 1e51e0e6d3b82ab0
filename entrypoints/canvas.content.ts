import { defineContentScript } from 'wxt/utils/define-content-script';
import { canvasAdapter } from '../content/adapters/canvas';
import { runDomPage } from '../content/run-page';

export default defineContentScript({
  // Injected by the background when this site's gate asks (core/sites/readers.ts).
  matches: [],
  registration: 'runtime',
  runAt: 'document_idle',
  main(ctx) {
    runDomPage(ctx, canvasAdapter);
  },
});
