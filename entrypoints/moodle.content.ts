import { defineContentScript } from 'wxt/utils/define-content-script';
import { moodleAdapter } from '../content/adapters/moodle';
import { runDomPage } from '../content/run-page';

export default defineContentScript({
  matches: ['https://*.moodlecloud.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    runDomPage(ctx, moodleAdapter);
  },
});
