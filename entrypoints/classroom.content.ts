import { defineContentScript } from 'wxt/utils/define-content-script';
import { classroomAdapter } from '../content/adapters/classroom';
import { runDomPage } from '../content/run-page';

export default defineContentScript({
  matches: ['https://classroom.google.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    runDomPage(ctx, classroomAdapter);
  },
});
