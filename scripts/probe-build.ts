/**
 * WXT builds an unlisted script as `var <name>=(function(){…})();\n<name>;` so that its main()'s
 * value is the script's value. A probe runs in the page's own world (core/sites/readers.ts),
 * where that `var` would become a global of the page: a trace of PlanLens any page could read.
 * This keeps the value and drops the name.
 */
export function withoutGlobalName(code: string, fileName: string): string {
  const head = /^var (\w+)\s*=\s*/.exec(code);
  const name = head?.[1];
  const tail = name ? new RegExp(`;?\\s*\\n${name};?\\s*$`).exec(code) : null;
  if (!head || !tail) {
    // A WXT update changed the shape: fail the build rather than leak a global into pages.
    throw new Error(`${fileName}: not the shape of a WXT unlisted script (var <name>=…;<name>;)`);
  }
  return `${code.slice(head[0].length, tail.index)};\n`;
}
