import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { moodleAdapter } from '../content/adapters/moodle';
import { probeDomPage } from '../content/dom-probe';

/** Run by the background in the page's own world (core/sites/readers.ts); its answer is the script's value. */
export default defineUnlistedScript(() => probeDomPage(moodleAdapter));
