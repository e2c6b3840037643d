/**
 * @module Markup from template literals, escaped by default: every value put into an html`…`
 * template is escaped unless it is itself markup, so text from outside (addresses, subjects,
 * payloads) can never become elements. Plus the two DOM helpers every view uses.
 */

const trusted: unique symbol = Symbol('markup')

/** A piece of HTML that came from an html`…` template (or `joined`). */
export interface Markup {
  readonly [trusted]: true
  readonly text: string
}

/** What may go into a template: markup as is, text escaped, nothing for null, undefined and false. */
export type Interpolation = Markup | string | number | boolean | null | undefined | readonly Interpolation[]

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Text made safe for element content and quoted attributes. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => entities[c]!)
}

const markup = (text: string): Markup => ({ [trusted]: true, text })

function toHtml(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return ''
  if (Array.isArray(value)) return value.map(toHtml).join('')
  if (typeof value === 'object' && trusted in value) return value.text
  return escapeHtml(String(value))
}

/**
 * Builds markup, escaping every interpolated value that is not markup.
 * @example html`<td>${address}</td>` // address "<b>" becomes "&lt;b&gt;"
 */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Markup {
  let text = strings[0]!
  values.forEach((value, i) => {
    text += toHtml(value) + strings[i + 1]!
  })
  return markup(text)
}

/** The element with this id; the markup has it, so a missing one is a bug worth a loud error. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id)
  if (!element) throw new Error(`The console's markup has no #${id}`)
  return element as T
}

/** A form control by name; inputs, selects and textareas alike (they share `value`). */
export function field(form: HTMLFormElement, name: string): HTMLInputElement {
  const control = form.elements.namedItem(name)
  if (!(control instanceof HTMLElement))
    throw new Error(`The form "${form.dataset.form}" has no single field "${name}"`)
  return control as HTMLInputElement
}

/** Re-renders a container, keeping which `<details data-key>` were open. */
export function render(container: Element, content: Markup): void {
  const open = new Set(
    Array.from(container.querySelectorAll<HTMLDetailsElement>('details[open][data-key]'), (d) => d.dataset.key),
  )
  container.innerHTML = content.text
  for (const details of container.querySelectorAll<HTMLDetailsElement>('details[data-key]'))
    if (open.has(details.dataset.key)) details.open = true
}

/** A badge whose colour follows its status (`s-Delivered`, `s-failed`…). */
export function badge(text: string, kind: string = text): Markup {
  return html`<span class="badge s-${kind.replace(/ /g, '-')}">${text}</span>`
}

/** A table with a header row, in a wrapper that scrolls sideways on a narrow screen. */
export function table(headings: readonly string[], rows: readonly Markup[]): Markup {
  return html`<div class="table-wrap"><table><thead><tr>${headings.map((h) => html`<th>${h}</th>`)}</tr></thead><tbody>${rows}</tbody></table></div>`
}
