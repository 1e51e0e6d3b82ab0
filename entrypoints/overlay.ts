import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { toggleOverlay } from '../content/overlay/toggle';

/**
 * The in-page panel, injected by the background (background/surfaces.ts) into the tab only when
 * the user asks for it, so that Preact and the panel never weigh on the content scripts that run
 * on every page. Each injection toggles it; the result goes back to the background.
 */
export default defineUnlistedScript(() => toggleOverlay());
