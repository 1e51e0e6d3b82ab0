/**
 * Watches the element that holds a page's text (a rendered body, or an editor's body inside a
 * frame) for edits. The district sites' gate and the reader of DOM pages both use it.
 */
export interface TextWatch {
  /** Watches `root` from now on (nothing changes when it is the element already watched). */
  observe(root: Element): void;
  /** Stops watching (a navigation or the end of the script); the next observe() starts again. */
  stop(): void;
}

export function watchText(
  onChange: () => void,
  /** Text inside a frame: a new document loading there replaces the body, so look again then. */
  onFrameLoad: () => void,
  /** How a frame's load listener is added (the reader ties it to its context). */
  listen: (frame: Element, onLoad: () => void) => void = (frame, onLoad) => frame.addEventListener('load', onLoad),
): TextWatch {
  const observer = new MutationObserver(onChange);
  const framesWatched = new WeakSet<Element>();
  let observed: Element | null = null;
  return {
    observe(root) {
      if (observed === root) return;
      observer.disconnect();
      observed = root;
      observer.observe(root, { childList: true, characterData: true, subtree: true });
      const frame = root.ownerDocument.defaultView?.frameElement;
      if (frame && !framesWatched.has(frame)) {
        framesWatched.add(frame);
        listen(frame, onFrameLoad);
      }
    },
    stop() {
      observer.disconnect();
      observed = null;
    },
  };
}
