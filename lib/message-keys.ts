// Every message name, checked by the compiler. Type-only imports: no text is bundled from here.
// Add a line when you add an area file under locales/en/.
type Common = typeof import('../locales/en/common.json');
type Panel = typeof import('../locales/en/panel.json');
type Options = typeof import('../locales/en/options.json');
type Dashboard = typeof import('../locales/en/dashboard.json');
type Overlay = typeof import('../locales/en/overlay.json');

export type MessageKey = keyof Panel | keyof Overlay | keyof Common | keyof Options | keyof Dashboard;
