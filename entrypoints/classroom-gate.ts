import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { classroomAdapter } from '../content/adapters/classroom';
import { runDomGate } from '../content/dom-gate';

/** Runs at page load (manifest, see core/sites/readers.ts): the reader starts only for a likely plan. */
export default defineUnlistedScript(() => runDomGate('classroom', classroomAdapter, true));
