import { expect, it } from 'vitest'
import { parseScenarioText, runScenario } from '../../src/scenarios/index.js'

// A send merged over defaults.send keeps a "__proto__" name as the request's own key, as a request
// sent by hand does (decision 016): merged by assignment, it was dropped (a string) or set the
// merged object's prototype (an object), and the request went without it.
it('keeps a "__proto__" substitution of a send step whose defaults have substitutions too', async () => {
  const yaml = [
    'name: proto key',
    'defaults:',
    '  send:',
    '    channel: email',
    '    from: news@brand.test',
    '    to: [{ email: [ann@x.test] }]',
    '    content: { type: text, subject: Hi, text: "Hi $(__proto__)" }',
    '    substitutions: { name: Bo }',
    'steps:',
    '  - send: { substitutions: { __proto__: Ann } }',
    '  - http: { url: "/_emulator/messages/${messageId}" }',
    '    expect: { body: { content: { substitutions: { name: Bo, __proto__: Ann } } } }',
    '  - send: { substitutions: { __proto__: { x: 1 } } }',
    '    expect: { status: 400, body: { message: "Invalid parameter - substitutions.__proto__" } }',
  ].join('\n')
  const result = await runScenario(parseScenarioText(yaml, 'proto.yaml'))
  expect(result.status, result.report).toBe('passed')
})
