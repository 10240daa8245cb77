// custom-elements.json (built by `npm run analyze` from the source) documents every element as the
// browser sees it: each reactive property with an attribute, each public property, each part in
// its templates, each --visio-* variable its styles read, each event it dispatches. An
// undocumented public attribute, part, variable or event fails here. `npm test` builds the
// manifest first (dist/custom-elements.json).
import { expect } from '@open-wc/testing';
import * as library from '../../src/index.js';
import { VisioCallElement, VisioEvent } from '../../src/index.js';

interface Documented {
  name: string;
  description?: string;
  fieldName?: string;
  kind?: string;
  privacy?: string;
  static?: boolean;
  inheritedFrom?: unknown;
}
interface Declaration {
  tagName?: string;
  description?: string;
  attributes?: Documented[];
  members?: Documented[];
  events?: Documented[];
  cssParts?: Documented[];
  cssProperties?: Documented[];
}

type ReactiveOptions = { attribute?: string | boolean; state?: boolean };
type ElementClass = CustomElementConstructor & { elementProperties: Map<PropertyKey, ReactiveOptions> };

let declarations: Map<string, Declaration>;

/** The element's own source files (served by the test server): <tag>.ts and what it imports from its folder, comments removed. */
async function sourceOf(tag: string): Promise<string> {
  const fetchText = async (file: string) => (await fetch(`/src/elements/${tag}/${file}`)).text();
  const main = await fetchText(`${tag}.ts`);
  const siblings = [...main.matchAll(/from ["']\.\/([\w.-]+?)\.(?:js|ts)["']/g)].map((m) => `${m[1]}.ts`);
  const texts = [main, ...(await Promise.all(siblings.map(fetchText)))];
  return texts
    .join('\n')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
}

const names = (list: Documented[] = []) => list.map((item) => item.name);
const undocumented = (list: Documented[] = []) => list.filter((item) => !item.description?.trim()).map((item) => item.name);

/** Event type of each exported event class (`VisioErrorEvent` → `visio-error`). */
const eventTypes = new Map(
  (Object.entries(library) as Array<[string, unknown]>)
    .filter(([, value]) => typeof value === 'function' && value.prototype instanceof VisioEvent)
    .map(([className, value]) => [className, new (value as new (detail: unknown) => Event)({}).type]),
);

before(async () => {
  const manifest = await (await fetch('/dist/custom-elements.json')).json();
  declarations = new Map(
    manifest.modules.flatMap((module: { declarations?: Declaration[] }) => (module.declarations ?? []).filter((d) => d.tagName).map((d) => [d.tagName!, d])),
  );
});

describe('custom-elements.json', () => {
  it('has every element the library exports and defines, each described', () => {
    const exported = (Object.values(library) as unknown[]).filter(
      (value): value is ElementClass => typeof value === 'function' && value.prototype instanceof HTMLElement,
    );
    expect(exported.length).to.be.at.least(8);
    for (const cls of exported) {
      const tag = [...declarations.keys()].find((t) => customElements.get(t) === cls);
      expect(tag, `${cls.name} in custom-elements.json under the tag it is defined as`).to.be.a('string');
    }
    expect(declarations.size).to.equal(exported.length);
    for (const [tag, declaration] of declarations) expect(declaration.description?.trim(), `${tag} described`).to.be.ok;
  });

  it('lists each reactive property with an attribute, described, and each attribute is also a property', () => {
    for (const [tag, declaration] of declarations) {
      const cls = customElements.get(tag) as ElementClass;
      const attributes = [...cls.elementProperties]
        .filter(([, options]) => !options.state && options.attribute !== false)
        .map(([key, options]) => (typeof options.attribute === 'string' ? options.attribute : String(key).toLowerCase()));
      expect(names(declaration.attributes).sort(), `${tag} attributes`).to.deep.equal(attributes.sort());
      expect(undocumented(declaration.attributes), `${tag}: attributes without a description`).to.deep.equal([]);
      for (const attribute of declaration.attributes ?? []) {
        expect(attribute.fieldName, `${tag}[${attribute.name}] has a property`).to.be.a('string');
        expect(attribute.fieldName! in document.createElement(tag), `${tag}.${attribute.fieldName}`).to.equal(true);
      }
    }
  });

  it('describes each public property (objects set from code, like room or tokenSource)', () => {
    for (const [tag, declaration] of declarations) {
      const cls = customElements.get(tag) as ElementClass;
      const properties = [...cls.elementProperties].filter(([, options]) => !options.state).map(([key]) => String(key));
      const members = (declaration.members ?? []).filter((m) => m.kind === 'field' && !m.privacy);
      for (const property of properties) expect(names(members), `${tag}.${property}`).to.include(property);
      expect(undocumented(members.filter((m) => !m.inheritedFrom)), `${tag}: public members without a description`).to.deep.equal([]);
    }
  });

  it('lists each part its templates render', async () => {
    for (const [tag, declaration] of declarations) {
      const parts = [...(await sourceOf(tag)).matchAll(/\bpart="([^"$]+)"/g)].flatMap((m) => m[1].split(/\s+/));
      for (const part of new Set(parts)) expect(names(declaration.cssParts), `${tag}::part(${part})`).to.include(part);
      expect(undocumented(declaration.cssParts), `${tag}: parts without a description`).to.deep.equal([]);
    }
  });

  it('lists each --visio-* variable an element reads; visio-call lists every shared theme variable', async () => {
    const read = (text: string) => new Set([...text.matchAll(/var\((--visio-[a-z0-9-]+)/g)].map((m) => m[1]));
    for (const [tag, declaration] of declarations) {
      for (const variable of read(await sourceOf(tag))) expect(names(declaration.cssProperties), `${tag} ${variable}`).to.include(variable);
      expect(undocumented(declaration.cssProperties), `${tag}: variables without a description`).to.deep.equal([]);
    }
    const shared = await (await fetch('/src/styles/shared.ts')).text();
    const theme = names(declarations.get('visio-call')!.cssProperties);
    for (const variable of read(shared)) expect(theme, `visio-call ${variable}`).to.include(variable);
  });

  it('lists each event an element dispatches', async () => {
    for (const [tag, declaration] of declarations) {
      const source = await sourceOf(tag);
      const dispatched = new Set([...source.matchAll(/new (Visio\w+Event)\(/g)].map((m) => eventTypes.get(m[1])));
      if (/this\.reportError\(/.test(source)) dispatched.add('visio-error');
      for (const type of dispatched) expect(names(declaration.events), `${tag} fires ${type}`).to.include(type);
      expect(undocumented(declaration.events), `${tag}: events without a description`).to.deep.equal([]);
    }
  });

  it('visio-call’s capabilities are exactly its public methods and documented events', () => {
    const call = declarations.get('visio-call')!;
    const methods = (call.members ?? []).filter((m) => m.kind === 'method' && !m.privacy && !m.static && !m.inheritedFrom).map((m) => m.name);
    expect([...VisioCallElement.capabilities.commands].sort()).to.deep.equal(methods.sort());
    expect([...VisioCallElement.capabilities.events].sort()).to.deep.equal(names(call.events).sort());
  });
});
