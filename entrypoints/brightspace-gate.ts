import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { brightspaceAdapter } from '../content/adapters/brightspace';
import { runDomGate } from '../content/dom-gate';

/** Runs at page load (manifest, see core/sites/readers.ts): the reader starts only for a likely plan. */
export default defineUnlistedScript(() => runDomGate('brightspace', brightspaceAdapter, true));
