import { defineContentScript } from 'wxt/utils/define-content-script';
import { classroomAdapter } from '../content/adapters/classroom';
import { runDomPage } from '../content/run-page';

export default defineContentScript({
  // The whole app: Classroom moves between its views without loading pages.
  matches: ['https://classroom.google.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    runDomPage(ctx, classroomAdapter);
  },
});
