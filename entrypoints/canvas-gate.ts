import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { canvasAdapter } from '../content/adapters/canvas';
import { runDomGate } from '../content/dom-gate';

/** Runs at page load (manifest, see core/sites/readers.ts): the reader starts only for a likely plan. */
export default defineUnlistedScript(() => runDomGate('canvas', canvasAdapter));
