import { defineContentScript } from 'wxt/utils/define-content-script';
import { runGoogleDocs } from '../content/run-gdocs';

export default defineContentScript({
  // Injected by the background when this site's gate asks (core/sites/readers.ts).
  matches: [],
  registration: 'runtime',
  runAt: 'document_idle',
  main(ctx) {
    runGoogleDocs(ctx);
  },
});
