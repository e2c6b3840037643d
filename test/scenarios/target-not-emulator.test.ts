import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningServer, startServer } from '../../src/http/serve.js'
import { createEmulator } from '../../src/runtime/create-emulator.js'
import { runScenario } from '../../src/scenarios/index.js'
import { writeScenario } from '../support/scenario-file.js'

const scenarioFile = () => writeScenario(['name: tick', 'steps:', '  - advance: 1s'])

describe('a --target that is not an emulator', () => {
  // A web server that answers every path with a page.
  const site: Server = createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><p>Hello</p>'),
  )
  let siteUrl: string

  beforeAll(async () => {
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve))
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => site.close(() => resolve())))

  it('fails saying which request got no JSON and that the target does not look like the emulator', async () => {
    const result = await runScenario(scenarioFile(), { target: siteUrl })
    expect(result.status).toBe('failed')
    expect(result.reason).toBe(
      `GET /_emulator/clock answered 200 text/html, not JSON ("<!doctype html><p>Hello</p>"): ${siteUrl} does not look like webex-connect-emulator; check --target`,
    )
  })
})

describe('a --control-token the target refuses', () => {
  let emulator: RunningServer
  beforeAll(async () => {
    emulator = await startServer(createEmulator({ clock: 'real' }), {
      port: 0,
      host: '127.0.0.1',
      controlToken: 'right',
    })
  })
  afterAll(() => emulator.close(0))

  it('says the token was refused, not that one should be passed', async () => {
    const result = await runScenario(scenarioFile(), { target: emulator.url, controlToken: 'wrong' })
    expect(result.reason).toMatch(
      /^GET \/_emulator\/clock answered 401: .*\(it refused the control token: check --control-token\)$/,
    )
  })

  it('still asks for one when none was passed', async () => {
    const result = await runScenario(scenarioFile(), { target: emulator.url })
    expect(result.reason).toMatch(/answered 401: .*\(pass --control-token\)$/)
  })

  it('runs with the right one', async () => {
    const result = await runScenario(scenarioFile(), { target: emulator.url, controlToken: 'right' })
    expect(result.status, result.report).toBe('passed')
  })
})
