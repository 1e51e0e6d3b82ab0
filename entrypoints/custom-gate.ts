import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { customAdapter } from '../content/adapters/custom';
import { runDomGate } from '../content/dom-gate';

/** Registered at run time for each district site the user grants (background/sites.ts); the reader starts only for a likely plan. */
export default defineUnlistedScript(() => runDomGate('custom', customAdapter, true));
