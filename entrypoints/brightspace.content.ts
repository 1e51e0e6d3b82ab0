import { defineContentScript } from 'wxt/utils/define-content-script';
import { brightspaceAdapter } from '../content/adapters/brightspace';
import { runDomPage } from '../content/run-page';

export default defineContentScript({
  // Only the content tool (topics and their editor): every other Brightspace page costs nothing.
  matches: ['https://*.brightspace.com/d2l/le/content/*'],
  runAt: 'document_idle',
  main(ctx) {
    runDomPage(ctx, brightspaceAdapter);
  },
});
