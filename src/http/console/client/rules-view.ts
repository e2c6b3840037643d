/**
 * @module The Rules tab: the outcome rules in match order (list, add, remove).
 */
import type { Rule } from './api-types.js'
import type { ConsoleContext, View } from './context.js'
import { badge, byId, field, html, render, table } from './html.js'

const matchers = ['address', 'domain', 'glob', 'regex'] as const
type Matcher = (typeof matchers)[number]
const matchExamples: Record<Matcher, string> = {
  address: 'ann@example.com',
  domain: 'example.com',
  glob: '*+vip@example.com',
  regex: '^ops-.*@example\\.com$',
}

export function createRulesView(ctx: ConsoleContext): View {
  const { api } = ctx
  const matcherSelect = document.querySelector<HTMLSelectElement>('form[data-form="add-rule"] select[name="matcher"]')!
  matcherSelect.addEventListener('change', () => {
    field(matcherSelect.form!, 'value').placeholder = matchExamples[matcherSelect.value as Matcher]
  })
  return {
    loaders: {
      rules: async () => {
        const { rules } = await api<{ rules: Rule[] }>('GET', '/rules')
        byId('rules-count').textContent = `(${rules.length})`
        render(
          byId('rules'),
          rules.length
            ? table(
                ['#', 'matcher', 'value', 'outcome', ''],
                rules.map((rule, index) => {
                  const matcher = matchers.find((m) => m in rule && (rule as Record<string, unknown>)[m] !== undefined)
                  const value = matcher ? String((rule as Record<string, unknown>)[matcher]) : ''
                  return html`<tr class="rule" data-index="${index}"><td>${index}</td><td class="muted">${matcher ?? ''}</td><td><code>${value}</code></td><td>${badge(rule.outcome, 'Submitted')}</td><td><button class="danger" data-do="remove-rule" data-index="${index}">Remove</button></td></tr>`
                }),
              )
            : html`<div class="empty">No outcome rules: magic addresses and the default outcome decide.</div>`,
        )
      },
    },
    actions: {
      'remove-rule': async (el) => {
        await api('DELETE', `/rules/${el.dataset.index}`)
      },
    },
    forms: {
      'add-rule': async (form) => {
        const rule = {
          outcome: field(form, 'outcome').value.trim(),
          [field(form, 'matcher').value]: field(form, 'value').value.trim(),
        }
        await api('POST', '/rules', rule)
        field(form, 'value').value = ''
      },
    },
  }
}
