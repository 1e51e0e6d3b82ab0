/**
 * components/panel.css written for a page of its own (`:root`, `body`), adapted to live in the
 * in-page panel's shadow root: the root rules go to the shadow host, the body rules to the
 * panel's scrolling body. First, the host stops inheriting the page's text styles (font, colour,
 * line height...), which would otherwise flow into the shadow root. The page's style sheets do
 * not reach inside, and these rules do not leak out.
 */
export function shadowRootCss(panelCss: string, overlayCss: string): string {
  const adapted = panelCss.replace(/:root\b/g, ':host').replace(/(^|[\s,}])body(?=\s*[{,])/g, '$1.overlay-body');
  return `:host {\n  all: initial;\n}\n${adapted}\n${overlayCss}`;
}
