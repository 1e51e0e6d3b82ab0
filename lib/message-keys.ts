// Every message name, checked by the compiler. Type-only imports: no text is bundled from here.
// Add a line when you add an area file under locales/en/.
type Common = typeof import('../locales/en/common.json');

export type MessageKey = keyof Common;
