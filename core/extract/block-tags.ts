import type { Block } from '../model';

/**
 * Which HTML elements make a block, and of what kind. Shared by the string tokenizer (html.ts,
 * for exports and files) and the live-DOM walker (content/dom-blocks.ts), so a plan read either
 * way is cut into the same blocks.
 */
export const BLOCK_TAGS: Readonly<Record<string, Block['kind']>> = {
  h1: 'heading',
  h2: 'heading',
  h3: 'heading',
  h4: 'heading',
  h5: 'heading',
  h6: 'heading',
  p: 'paragraph',
  li: 'listItem',
  td: 'tableCell',
  th: 'tableCell',
  dt: 'paragraph',
  dd: 'paragraph',
  blockquote: 'paragraph',
  pre: 'paragraph',
  caption: 'paragraph',
  figcaption: 'paragraph',
};
