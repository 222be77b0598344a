/**
 * Just enough of the accessible-name rules to find elements the way a screen reader or an E2E
 * test does (by role and exact name), for the roles and naming patterns this app uses.
 */

const implicitRoles: Record<string, (element: Element) => boolean> = {
  button: (element) => element.tagName === 'BUTTON',
  textbox: (element) => element.tagName === 'INPUT' && ['text', ''].includes(element.getAttribute('type') ?? ''),
  spinbutton: (element) => element.tagName === 'INPUT' && element.getAttribute('type') === 'number',
  checkbox: (element) => element.tagName === 'INPUT' && element.getAttribute('type') === 'checkbox',
  // A single-choice <select> without a size is a combobox (a list box otherwise).
  combobox: (element) => element.tagName === 'SELECT' && !element.hasAttribute('multiple') && Number(element.getAttribute('size') ?? 1) <= 1,
  heading: (element) => /^H[1-6]$/.test(element.tagName),
  // Strictly only a header outside article, aside, main, nav and section; this app has just the one.
  banner: (element) => element.tagName === 'HEADER',
  list: (element) => element.tagName === 'UL' || element.tagName === 'OL',
  listitem: (element) => element.tagName === 'LI',
  // A section is a region only when it has a name.
  region: (element) => element.tagName === 'SECTION' && (element.hasAttribute('aria-labelledby') || element.hasAttribute('aria-label')),
  searchbox: (element) => element.tagName === 'INPUT' && element.getAttribute('type') === 'search',
};

function text(element: Element | null): string {
  return (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function byId(element: Element, id: string): Element | null {
  const root = element.getRootNode() as ParentNode;
  return root.querySelector(`[id="${id}"]`);
}

export function accessibleName(element: Element): string {
  const labelledBy = element.getAttribute('aria-labelledby');
  if (labelledBy) return labelledBy.split(/\s+/).map((id) => text(byId(element, id))).join(' ');
  const label = element.getAttribute('aria-label');
  if (label) return label.trim();
  if (element.tagName === 'INPUT' || element.tagName === 'SELECT') {
    const wrapping = element.closest('label');
    const forId = element.id ? (element.getRootNode() as ParentNode).querySelector(`label[for="${element.id}"]`) : null;
    return text(wrapping ?? forId);
  }
  return text(element);
}

function hasRole(element: Element, role: string): boolean {
  const explicit = element.getAttribute('role');
  if (explicit) return explicit === role;
  return implicitRoles[role]?.(element) ?? false;
}

export function queryAllByRole(root: Element, role: string, name?: string): Element[] {
  return [...root.querySelectorAll('*')].filter(
    (element) => hasRole(element, role) && (name === undefined || accessibleName(element) === name),
  );
}

/** The one element with this role and exact name; throws, listing what is there, otherwise. */
export function getByRole<T extends Element = HTMLElement>(root: Element, role: string, name?: string): T {
  const found = queryAllByRole(root, role, name);
  if (found.length !== 1) {
    const present = queryAllByRole(root, role).map((element) => JSON.stringify(accessibleName(element)));
    throw new Error(`expected one ${role} named ${JSON.stringify(name)}, found ${found.length}; ${role}s present: ${present.join(', ') || 'none'}`);
  }
  return found[0] as T;
}
