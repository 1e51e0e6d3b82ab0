import { defineContentScript } from 'wxt/utils/define-content-script';
import { customAdapter } from '../content/adapters/custom';
import { runDomPage } from '../content/run-page';

/**
 * The reader of district sites: injected by the background when the site's gate asks (the gate
 * is registered at run time for each site the user grants, see background/sites.ts).
 */
export default defineContentScript({
  matches: [],
  registration: 'runtime',
  runAt: 'document_idle',
  main(ctx) {
    runDomPage(ctx, customAdapter);
  },
});
