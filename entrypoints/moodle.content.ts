import { defineContentScript } from 'wxt/utils/define-content-script';
import { moodleAdapter } from '../content/adapters/moodle';
import { runDomPage } from '../content/run-page';

export default defineContentScript({
  // Only the page activity and its settings form: every other Moodle page costs nothing.
  matches: ['https://*.moodlecloud.com/mod/page/view.php*', 'https://*.moodlecloud.com/course/modedit.php*'],
  runAt: 'document_idle',
  main(ctx) {
    runDomPage(ctx, moodleAdapter);
  },
});
