// Each `visio-elements/define/<tag>` file, loaded alone in a fresh page (an iframe), defines its
// element and the elements it renders, and nothing else; rendered, the element has no undefined
// visio-* element in its shadow root. Reads the built files (`npm test` builds first).
import { expect } from '@open-wc/testing';

async function tagsFromManifest(): Promise<string[]> {
  const manifest = await (await fetch('/dist/custom-elements.json')).json();
  return manifest.modules.flatMap((m: { declarations?: Array<{ tagName?: string }> }) => (m.declarations ?? []).map((d) => d.tagName).filter(Boolean));
}

/** In a new iframe: import the define file, render the element, report what got defined. */
function loadAlone(tag: string, tags: string[]): Promise<{ defined: string[]; undefinedInside: string[] }> {
  return new Promise((resolve, reject) => {
    const frame = document.createElement('iframe');
    const channel = `define-${tag}-${Math.random()}`;
    const onMessage = (event: MessageEvent) => {
      if (event.data?.channel !== channel) return;
      window.removeEventListener('message', onMessage);
      frame.remove();
      if (event.data.error) reject(new Error(event.data.error));
      else resolve(event.data.result);
    };
    window.addEventListener('message', onMessage);
    frame.srcdoc = `<script type="module">
      try {
        await import('/dist/define/${tag}.js');
        const element = document.body.appendChild(document.createElement('${tag}'));
        await element.updateComplete;
        const defined = ${JSON.stringify(tags)}.filter((t) => customElements.get(t));
        const undefinedInside = [...(element.shadowRoot?.querySelectorAll(':not(:defined)') ?? [])].map((e) => e.localName);
        parent.postMessage({ channel: '${channel}', result: { defined, undefinedInside } }, '*');
      } catch (error) {
        parent.postMessage({ channel: '${channel}', error: String(error) }, '*');
      }
    </script>`;
    document.body.append(frame);
  });
}

/** The tags a define file defines: its own, and those of the define files it imports, recursively. */
async function expectedClosure(tag: string, seen = new Set<string>()): Promise<Set<string>> {
  if (seen.has(tag)) return seen;
  seen.add(tag);
  const source = await (await fetch(`/dist/define/${tag}.js`)).text();
  for (const [, used] of source.matchAll(/import ['"]\.\/(visio-[a-z-]+)\.js['"]/g)) await expectedClosure(used, seen);
  return seen;
}

describe('define files, each loaded alone', () => {
  it('define their element and what it renders, nothing else', async () => {
    const tags = await tagsFromManifest();
    expect(tags.length).to.be.at.least(8);
    for (const tag of tags) {
      const { defined, undefinedInside } = await loadAlone(tag, tags);
      expect(defined.sort(), tag).to.deep.equal([...(await expectedClosure(tag))].sort());
      expect(undefinedInside, `${tag} renders only defined elements`).to.deep.equal([]);
    }
    const call = await loadAlone('visio-call', tags);
    for (const rendered of ['visio-room', 'visio-grid', 'visio-tile', 'visio-controls', 'visio-toggle', 'visio-leave', 'visio-audio']) {
      expect(call.defined, `visio-call defines ${rendered}`).to.include(rendered);
    }
    expect((await loadAlone('visio-tile', tags)).defined).to.deep.equal(['visio-tile']);
  });
});
