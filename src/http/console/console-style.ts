/**
 * @module The console's stylesheet: a dense two-pane layout (timeline left, tabs right) for a laptop
 * screen that stacks into one column on a narrow one, system fonts only, so the page needs nothing
 * from the network.
 */
export const consoleStyle = `
:root { --bg: #f6f7f9; --panel: #fff; --line: #dde1e6; --ink: #1d232b; --muted: #667085; --accent: #0b63ce;
  --ok: #137333; --bad: #b3261e; --warn: #a15c00; --info: #3d5a80; --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html, body { height: 100%; margin: 0; }
body { font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg);
  display: flex; flex-direction: column; }
header { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; padding: 6px 12px; background: #13263f; color: #fff; }
header h1 { font-size: 14px; margin: 0 8px 0 0; font-weight: 600; }
header .group { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
header .spacer { flex: 1; }
header input { width: 64px; }
header input[type="checkbox"] { width: auto; }
#live { font-size: 12px; padding: 1px 8px; border-radius: 10px; background: #6b7280; }
#live.on { background: var(--ok); }
#clock-time { font-family: var(--mono); }
#notice { padding: 6px 12px; background: #fdecea; color: var(--bad); border-bottom: 1px solid #f5c2c0; }
#notice[hidden] { display: none; }
#notice[data-tone="warning"] { background: #fff4e0; color: var(--warn); border-bottom-color: #f3d19c; }
#notice[data-tone="info"] { background: #e8f0fb; color: var(--info); border-bottom-color: #c5d6ee; }
#notice button { margin-left: 8px; }
main { flex: 1; display: grid; grid-template-columns: minmax(300px, 36%) minmax(0, 1fr); min-height: 0; }
section.pane { display: flex; flex-direction: column; min-height: 0; border-right: 1px solid var(--line); }
.pane-head { display: flex; gap: 6px; align-items: center; padding: 6px 8px; border-bottom: 1px solid var(--line); background: var(--panel); }
.pane-head { flex-wrap: wrap; }
.pane-head h2 { font-size: 13px; margin: 0; flex: 1; }
#messages-filter { flex: 0 1 160px; min-width: 0; }
/* As wide as "all channels" whatever channel names the list offers ("Apple Messages for Business"). */
#messages-channel { flex: 0 1 auto; width: 8.5em; min-width: 0; }
.scroll { overflow: auto; flex: 1; min-height: 0; }
button, select, input, textarea { font: inherit; }
button { border: 1px solid var(--line); background: #fff; color: var(--ink); border-radius: 4px; padding: 2px 8px; cursor: pointer; }
button:hover { border-color: var(--accent); }
button.danger { color: var(--bad); }
button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
button:disabled, select:disabled { opacity: 0.45; cursor: not-allowed; border-color: var(--line); }
input, select, textarea { border: 1px solid var(--line); border-radius: 4px; padding: 2px 6px; background: #fff; color: var(--ink); }
#messages { list-style: none; margin: 0; padding: 0; }
#messages li { padding: 6px 10px; border-bottom: 1px solid var(--line); cursor: pointer; background: var(--panel); }
#messages li:hover { background: #eef4fd; }
#messages li.selected { background: #dbe9fb; }
#messages li.older { cursor: default; text-align: center; }
#messages li.older:hover { background: var(--panel); }
.msg-top { display: flex; gap: 8px; }
.msg-subject { font-weight: 600; flex: 1; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.channel { font-size: 11px; padding: 0 5px; border: 1px solid var(--line); border-radius: 4px; color: var(--info); white-space: nowrap; }
pre.sms-text { max-height: 160px; }
.email-tabs { display: flex; flex-wrap: wrap; gap: 2px; border-bottom: 1px solid var(--line); }
.email-tabs button { border: 1px solid transparent; border-bottom: none; border-radius: 4px 4px 0 0; background: none; padding: 3px 10px; }
.email-tabs button[aria-selected="true"] { border-color: var(--line); background: var(--panel); font-weight: 600; }
.email-part { background: var(--panel); border: 1px solid var(--line); border-top: none; padding: 8px 10px; margin-bottom: 8px; min-width: 0; }
.email-images { margin-bottom: 6px; }
iframe.email-html { display: block; width: 100%; max-height: 70vh; border: 1px solid var(--line); border-radius: 4px; background: #fff; }
pre.email-text { margin: 0; max-height: 70vh; }
dl.email-headers { margin: 0; }
.email-url { overflow-wrap: anywhere; }
p.email-note { margin: 0 0 6px; padding: 4px 8px; border-radius: 4px; background: #fff4e0; color: var(--warn); }
.muted { color: var(--muted); }
.mono, time, pre, code { font-family: var(--mono); font-size: 12px; }
.rcpts { display: flex; flex-wrap: wrap; gap: 4px; margin-top: 2px; }
.rcpt.match { font-weight: 600; }
.badge { display: inline-block; padding: 0 6px; border-radius: 8px; font-size: 11px; background: #e4e7ec; color: var(--ink); white-space: nowrap; }
.s-Delivered, .s-delivered { background: #d5f0dc; color: var(--ok); }
.s-Read, .s-Clicked { background: #d4eef2; color: #0b5c6b; }
.s-Bounce, .s-Failed, .s-Un-Delivered, .s-Not-Verified, .s-failed { background: #fbdcd9; color: var(--bad); }
.s-Complaint { background: #fde8cc; color: var(--warn); }
.s-Submitted { background: #dfe7f3; color: var(--info); }
.s-pending, .s-in-flight { background: #fdf0cc; color: var(--warn); }
nav.tabs { display: flex; flex-wrap: wrap; gap: 2px; padding: 4px 8px 0; background: var(--panel); border-bottom: 1px solid var(--line); }
nav.tabs button { border: 1px solid transparent; border-bottom: none; border-radius: 4px 4px 0 0; background: none; padding: 4px 10px; }
nav.tabs button[aria-selected="true"] { border-color: var(--line); background: var(--bg); font-weight: 600; }
.tab { padding: 10px 12px; }
.tab[hidden] { display: none; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; margin-bottom: 8px; }
.card h3 { font-size: 13px; margin: 0 0 4px; }
h2.title { font-size: 15px; margin: 0 0 6px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 1px 12px; margin: 0 0 10px; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.row { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.row > * { min-width: 0; overflow-wrap: anywhere; }
.grow { flex: 1; }
ol.timeline { list-style: none; margin: 6px 0; padding: 0 0 0 10px; border-left: 2px solid var(--line); }
ol.timeline li { margin: 2px 0; }
.actions { display: flex; flex-wrap: wrap; gap: 4px; align-items: center; margin-top: 4px; }
.actions .sep { width: 8px; }
.why { margin: 4px 0 0; font-size: 12px; }
.diagnostic { white-space: pre-line; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 3px 6px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 500; }
pre { margin: 4px 0; padding: 6px 8px; background: #f2f4f7; border-radius: 4px; overflow: auto; max-height: 320px; white-space: pre-wrap; overflow-wrap: anywhere; }
details > summary { cursor: pointer; color: var(--accent); }
form.inline { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin: 6px 0 10px; }
form.stack { display: grid; grid-template-columns: max-content 1fr; gap: 4px 8px; align-items: center; max-width: 560px; margin: 6px 0 12px; }
form.stack .full { grid-column: 1 / -1; }
.empty { padding: 16px; color: var(--muted); text-align: center; }
h3.section { font-size: 13px; margin: 14px 0 6px; }
form.stack h3.section { margin: 0; }
.nowrap { white-space: nowrap; }
p.hint { margin: 0; font-size: 12px; }
/* The WhatsApp conversation: the app's bubbles on the right, the customer's on the left. */
.wa-window { margin: 0 0 8px; padding: 6px 10px; border-radius: 6px; }
.wa-window.open { background: #d5f0dc; color: var(--ok); }
.wa-window.closed { background: #fde8cc; color: var(--warn); }
ol.wa-chat { list-style: none; margin: 0 0 8px; padding: 8px; background: #efeae2; border-radius: 6px; display: flex; flex-direction: column; gap: 6px; }
.wa-bubble { max-width: 78%; padding: 5px 8px; border-radius: 8px; background: #fff; box-shadow: 0 1px 0 rgba(0,0,0,.08); overflow-wrap: anywhere; }
.wa-bubble.wa-out { align-self: flex-end; background: #d9fdd3; }
.wa-bubble.wa-in { align-self: flex-start; }
.wa-text { white-space: pre-wrap; }
.wa-kind { font-size: 11px; text-transform: uppercase; color: var(--muted); }
.wa-button { margin-top: 4px; padding: 2px 0; border-top: 1px solid var(--line); text-align: center; color: var(--accent); }
ul.wa-choices { list-style: none; margin: 4px 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px; }
ul.wa-choices li { padding: 1px 8px; border: 1px solid var(--line); border-radius: 10px; color: var(--accent); background: #fff; }
.wa-meta { text-align: right; font-size: 11px; color: var(--muted); margin-top: 2px; }
.wa-failure { color: var(--bad); }
.wa-note { align-self: center; font-size: 12px; color: var(--muted); background: #fff8; padding: 1px 8px; border-radius: 8px; }
#wa-conversation .grow { flex: 1; min-width: 8em; }
/* A phone or a narrow window: one column, the page scrolls as a whole, wide tables scroll sideways. */
@media (max-width: 760px) {
  html, body { height: auto; }
  main { display: block; }
  section.pane { border-right: none; }
  section.pane[aria-label="Messages"] .scroll { max-height: 40vh; }
  header .spacer { display: none; }
  form.stack { grid-template-columns: minmax(0, 1fr); }
  form.stack input, form.stack textarea, form.stack select { max-width: 100%; }
}
`
