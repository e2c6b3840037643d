/**
 * @module The web console at /_emulator/: one self-contained page (no build step, no network beyond
 * this emulator) over the control API and its event stream. Opened with ?token=…, it sends the
 * control token on every call.
 */
import { bounceSubtypes, complaintTypes } from '../../core/channels/email/outcomes/outcome.js'
import { targetEventNames } from '../../core/schemas/config.js'
import { configScript } from './config-script.js'
import { consoleMarkup } from './console-markup.js'
import { consoleStyle } from './console-style.js'
import { helpersScript } from './helpers-script.js'
import { liveScript } from './live-script.js'
import { messagesScript } from './messages-script.js'
import { stateScript } from './state-script.js'

/** JSON that is safe inside a <script> element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c')

// The choices the manual-action API accepts (manualActionSchema: any bounce subtype or complaint type),
// and the event names a webhook target may list (targetInputSchema).
const vocabulary = `var bounceTypes = ${scriptJson(bounceSubtypes)}\nvar complaintTypes = ${scriptJson(complaintTypes)}\nvar targetEvents = ${scriptJson(targetEventNames)}\n`

export const consoleHtml = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>webex-connect-emulator console</title>
<style>${consoleStyle}</style></head>
<body>${consoleMarkup}
<script>${helpersScript}${vocabulary}${messagesScript}${stateScript}${configScript}${liveScript}</script>
</body></html>`
