// An accessibility check for element tests: axe-core, run in the browser over an element and
// its (open) shadow roots, failing with each violation's rule, impact and the nodes at fault.
import { expect } from '@open-wc/testing';
import type { AxeResults, RunOptions } from 'axe-core';

type Axe = { run(context: Element, options: RunOptions): Promise<AxeResults> };

let axe: Promise<Axe> | undefined;

/** axe-core's browser build registers `window.axe` (it is not an ES module). */
function loadAxe(): Promise<Axe> {
  axe ??= import('axe-core/axe.min.js').then(() => (window as unknown as { axe: Axe }).axe);
  return axe;
}

type Updating = HTMLElement & { updateComplete?: Promise<unknown> };

/** Waits for `root` and every Lit element under it (through shadow roots) to finish rendering. */
export async function rendered(root: Element): Promise<void> {
  const all: Updating[] = [];
  const walk = (node: Element) => {
    all.push(node as Updating);
    for (const child of node.children) walk(child);
    if (node.shadowRoot) for (const child of node.shadowRoot.children) walk(child);
  };
  walk(root);
  await Promise.all(all.map((element) => element.updateComplete).filter((done): done is Promise<unknown> => done !== undefined));
}

/** One line per violation: `rule (impact): help — node html`. */
export function describeViolations(results: AxeResults): string[] {
  return results.violations.flatMap((violation) =>
    violation.nodes.map(
      (node) => `${violation.id} (${violation.impact ?? 'n/a'}): ${violation.help} — ${JSON.stringify(node.target)} ${node.html.slice(0, 160)}`,
    ),
  );
}

/**
 * Fails when axe-core finds a WCAG 2.x A or AA violation in `element` (shadow roots included).
 * `state` names what is on screen, for the failure message.
 */
export async function expectAccessible(element: Element, state: string, options: RunOptions = {}): Promise<void> {
  const results = await (
    await loadAxe()
  ).run(element, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    resultTypes: ['violations'],
    ...options,
  });
  const violations = describeViolations(results);
  expect(violations.length, `accessibility violations in <${element.localName}> (${state}):\n${violations.join('\n')}\n`).to.equal(0);
}
