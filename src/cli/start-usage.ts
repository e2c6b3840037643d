/**
 * @module `start`'s help text, apart from the command so `--help` loads nothing else.
 */
import { defaultConfigFiles } from './load-config-file.js'

export const startUsage = `Usage: webex-connect-emulator start [options]

Runs the Webex Connect email emulator: POST /v2/messages on the given port, webhooks to your app.

Options:
  --port <n>            Port to listen on (default 4600; 0 picks a free one)
  --host <addr>         Address to bind (default 127.0.0.1)
  --config <file>       Config file, JSON (comments allowed) or YAML; default: the first of
                        ${defaultConfigFiles.join(', ')} in the working directory
  --webhook-url <url>   Add a service-level webhook target (repeatable)
  --webhook-format <f>  Format for --webhook-url targets: webhook (default) or datastream
  --speed <n>           Real-time speed factor: 10 plays a 1.5 s delivery in 150 ms
  --seed <n>            Seed ids and randomness for reproducible runs
  --timezone <zone>     IANA time zone for timestamps, e.g. Asia/Kolkata (default UTC)
  --control-token <t>   Require this token on the /_emulator control API (the vendor API is unaffected)
  --ready-file <path>   Write {"url", "pid"} as JSON to this file once accepting requests (for CI)
  --log-format <f>      pretty (default: one coloured line per send, receipt, webhook attempt) or json
  --quiet               Log only trouble: bounces, complaints, failed webhook attempts
  --verbose             Also log state changes (lists, rules, clock)
  --state-file <path>   Keep lists, sandbox, rules and recent messages in this file across restarts
  --fresh-state         Start empty even if the state file exists (the old one is kept as <path>.bak)
  --outlive-parent      Keep running after the process that started it exits (by default it stops
                        with it, so a killed npx or test runner never leaves it behind)
  -h, --help            Show this help
`
