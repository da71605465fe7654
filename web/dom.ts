/** The page's elements, found by id and checked to be of the kind the code expects. */
export function byId<T extends HTMLElement = HTMLElement>(id: string, kind?: new () => T): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  if (kind && !(element instanceof kind)) throw new Error(`#${id} is not a ${kind.name}`);
  return element as T;
}

export const inputById = (id: string) => byId(id, HTMLInputElement);
export const buttonById = (id: string) => byId(id, HTMLButtonElement);

/** An element with attributes and children (text or elements): data goes in as text, never as HTML. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: (string | Node)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}
