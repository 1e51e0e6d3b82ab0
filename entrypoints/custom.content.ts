import { defineContentScript } from 'wxt/utils/define-content-script';
import { customAdapter } from '../content/adapters/custom';
import { runDomPage } from '../content/run-page';

/**
 * Not in the manifest: registered at run time (scripting.registerContentScripts) for each
 * district site the user grants from the options page, and unregistered when it is removed.
 */
export default defineContentScript({
  matches: [],
  registration: 'runtime',
  runAt: 'document_idle',
  main(ctx) {
    runDomPage(ctx, customAdapter);
  },
});
