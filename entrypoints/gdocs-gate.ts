import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { runGoogleDocsGate } from '../content/gdocs-gate';

/** Runs at page load (manifest, see core/sites/readers.ts): the reader starts only for a likely plan. */
export default defineUnlistedScript(() => runGoogleDocsGate());
