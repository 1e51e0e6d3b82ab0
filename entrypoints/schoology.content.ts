import { defineContentScript } from 'wxt/utils/define-content-script';
import { schoologyAdapter } from '../content/adapters/schoology';
import { runDomPage } from '../content/run-page';

export default defineContentScript({
  // Only pages and assignments: every other Schoology page costs nothing.
  matches: ['https://*.schoology.com/page/*', 'https://*.schoology.com/assignment/*'],
  runAt: 'document_idle',
  main(ctx) {
    runDomPage(ctx, schoologyAdapter);
  },
});
