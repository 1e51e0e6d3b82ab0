import { defineContentScript } from 'wxt/utils/define-content-script';
import { runGoogleDocs } from '../content/run-gdocs';

export default defineContentScript({
  matches: ['https://docs.google.com/document/*'],
  runAt: 'document_idle',
  main(ctx) {
    runGoogleDocs(ctx);
  },
});
