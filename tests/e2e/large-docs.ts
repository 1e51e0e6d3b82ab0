/**
 * The large and unusual documents of issue 7 (generated here, not committed), shared by
 * large.e2e.test.ts (Playwright) and large-unwatched.e2e.test.ts (a browser no test tool watches).
 */

export const largeDocId = (name: string) => `1Large${name.replace(/[^a-zA-Z0-9]/g, '')}PlanXq7Rt2026abcdefghijk`;

/** A body as Google Docs exports it: its style sheet first, then the document. */
export const googleExportOf = (body: string): string =>
  `<html><head><meta content="text/html; charset=UTF-8" http-equiv="content-type"><style type="text/css">.c1{font-weight:400}.c3{margin:0}</style></head><body class="c5 doc-content">${body}</body></html>`;

/** Registered before a page loads: records its long tasks in window.__planlensLongTasks. */
export const LONGTASKS = `(() => {
  const tasks = [];
  Object.defineProperty(window, '__planlensLongTasks', { value: tasks });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
})();`;

const PLAN_LINES = [
  'The district implementation team meets every two weeks to review fidelity data and coaching logs.',
  'Coaches observe each teacher twice a month and give written feedback on the core components.',
  'New staff complete two days of training before the school year; refreshers run each semester.',
  'Selection: candidates are interviewed with a role-play and asked how they respond to feedback.',
  'Leadership removes barriers reported by schools and raises policy issues with the state team.',
];

const esc = (t: string) => t.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function planIntro(): string {
  return [
    '<h1>District implementation plan</h1>',
    '<p>Current stage: Installation. This plan is maintained by the implementation team.</p>',
    ...PLAN_LINES.map((l, i) => `<h2>Section ${i + 1}</h2><p>${esc(l)}</p>`),
  ].join('\n');
}

export interface Scenario {
  name: string;
  /** Body HTML (Google Docs export style for gdocs, page body for Canvas). */
  body: () => string;
  /** True when PlanLens is expected to say "too large" rather than show results. */
  tooLarge?: boolean;
}

function tenMegabytes(): string {
  const parts = [planIntro()];
  let size = parts[0]?.length ?? 0;
  for (let i = 0; size < 10 * 1024 * 1024; i++) {
    const p = `<p class="c3"><span class="c1">${i}. ${esc(PLAN_LINES[i % PLAN_LINES.length] as string)} Notes from meeting ${i} on staffing, schedules and data review for the next cycle.</span></p>`;
    parts.push(p);
    size += p.length + 1;
  }
  return parts.join('\n');
}

/** Short one-line paragraphs (a checklist, a log): about 0.8 million characters in all. */
const ONE_LINERS = [
  'Coaching check-in with the grade team.',
  'Fidelity data reviewed at the staff meeting.',
  'Training refresher scheduled for new staff.',
  'Leadership team removes a scheduling barrier.',
  'Selection interviews held for two coach roles.',
];

function lines20k(): string {
  const line = (i: number) => `<p>${i}. ${esc(ONE_LINERS[i % ONE_LINERS.length] as string)}</p>`;
  return `${planIntro()}\n${Array.from({ length: 20_000 }, (_, i) => line(i)).join('\n')}`;
}

function nestedTables(depth = 60): string {
  let html = `<p>${esc(PLAN_LINES[0] as string)}</p>`;
  for (let d = 0; d < depth; d++) {
    const line = esc(PLAN_LINES[d % PLAN_LINES.length] as string);
    html = `<table><tr><td>Level ${d}: ${line}</td><td>${html}</td><td>Owner ${d}</td></tr><tr><td>Timeline</td><td>Q${(d % 4) + 1}</td><td>Status</td></tr></table>`;
  }
  return `${planIntro()}\n${html}`;
}

const RTL_EMOJI = [
  'خطة التنفيذ: يجتمع فريق التنفيذ كل أسبوعين لمراجعة بيانات الإخلاص والتدريب. 📊✅',
  'תוכנית יישום: המאמנים צופים בכל מורה פעמיים בחודש ונותנים משוב. 👩‍🏫🧑🏽‍💻',
  'Coaching 🧭 and fidelity data 📈 are reviewed by the team 👨‍👩‍👧‍👦 every month 🗓️.',
  'Mixed ‏עברית‎ and العربية with English: training for new staff 🎓 happens in August.',
  '🏳️‍🌈🇺🇸🇲🇽 1️⃣2️⃣3️⃣ \u202eReversed text\u202c and \u2067isolated\u2069 marks.',
];

function rtlEmoji(): string {
  return `${planIntro()}\n${Array.from({ length: 400 }, (_, i) => `<p dir="auto">${esc(RTL_EMOJI[i % RTL_EMOJI.length] as string)}</p>`).join('\n')}`;
}

export const SCENARIOS: Scenario[] = [
  // About 7 million characters of text: more than PlanLens reads (content/too-large.ts).
  { name: '10 MB', body: tenMegabytes, tooLarge: true },
  { name: '20,000 one-line paragraphs', body: lines20k },
  { name: 'nested tables (60 deep)', body: nestedTables },
  { name: 'right-to-left and emoji', body: rtlEmoji },
];
