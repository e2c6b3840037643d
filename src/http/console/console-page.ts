/**
 * @module The web console at /_emulator: one self-contained page (nothing loaded from the network
 * beyond this emulator) over the control API and its event stream. The markup and stylesheet are
 * strings here; the behaviour is the TypeScript under client/, bundled into one inline script. The
 * server's vocabulary travels as JSON in the page, read by the script at start. Opened with
 * ?token=…, the page sends the control token on every call. It is served with a Content-Security-Policy
 * that runs no script but that one (by its hash), so markup that ever slipped past the escaping
 * could not run any.
 */
import { createHash } from 'node:crypto'
import { vocabularyElementId } from './client/vocabulary.js'
import { consoleMarkup } from './console-markup.js'
import { consoleStyle } from './console-style.js'
import { consoleVocabulary } from './console-vocabulary.js'

/** JSON that is safe inside a <script> element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c')

/** An envelope, as a data URL: a favicon that costs no request (and needs no control token). */
const favicon = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect x="2" y="6" width="28" height="20" rx="3" fill="#13263f"/><path d="M4 9l12 9 12-9" fill="none" stroke="#8ec5ff" stroke-width="2.5" stroke-linejoin="round"/></svg>',
)}`

/** The console's page and the policy it is served with. */
export interface ConsolePage {
  html: string
  /** The Content-Security-Policy header's value (the site guard adds `frame-ancestors`). */
  policy: string
}

/**
 * What the page may run and load. Scripts: only its own, named by hash (no inline handlers, no
 * eval, nothing from elsewhere). Styles stay `'unsafe-inline'` and images `http: https: data:`
 * because the email's HTML is drawn in a srcdoc frame, which inherits this policy on top of its
 * own stricter one (email-view.ts): mail is styled inline, and "Load remote images" must be able to
 * load them. `connect-src 'self'` covers the control API and its event stream; forms are handled by
 * the script and never submitted.
 */
function pagePolicy(script: string): string {
  const hash = createHash('sha256').update(script).digest('base64')
  return [
    "default-src 'none'",
    `script-src 'sha256-${hash}'`,
    "style-src 'unsafe-inline'",
    'img-src data: http: https:',
    "connect-src 'self'",
    "form-action 'none'",
  ].join('; ')
}

async function assemble(): Promise<ConsolePage> {
  // Loaded on first use, so starting the emulator never parses the bundled script (nor, from
  // source, loads esbuild) unless someone opens the console.
  const { consoleClientScript } = await import('./console-client.js')
  // "</script" cannot appear inside the inline script; in JavaScript "<\/script" means the same.
  const script = (await consoleClientScript()).replace(/<\/script/gi, '<\\/script')
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>webex-connect-emulator console</title>
<link rel="icon" type="image/svg+xml" href="${favicon}">
<style>${consoleStyle}</style></head>
<body>${consoleMarkup}
<script type="application/json" id="${vocabularyElementId}">${scriptJson(consoleVocabulary())}</script>
<script>${script}</script>
</body></html>`
  return { html, policy: pagePolicy(script) }
}

let page: Promise<ConsolePage> | undefined

/**
 * The console's HTML and its Content-Security-Policy, assembled once on first use (a failed attempt
 * is not kept, so the next request tries again).
 * @example const { html, policy } = await consolePage()
 */
export function consolePage(): Promise<ConsolePage> {
  page ??= assemble().catch((error: unknown) => {
    page = undefined
    throw error
  })
  return page
}
