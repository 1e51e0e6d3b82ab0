import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { probeGoogleDoc } from '../content/gdocs-probe';

/** Run by the background in the page's own world (core/sites/readers.ts); its answer is the script's value. */
export default defineUnlistedScript(() => probeGoogleDoc());
