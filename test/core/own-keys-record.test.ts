import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { v1FromSandbox, waSandboxSchema } from '../../src/core/channels/whatsapp/api-sandbox.js'
import { ownKeysRecord } from '../../src/core/kernel/own-keys-record.js'
import { createTestEmulator } from '../support/virtual-emulator.js'

// Objects read as maps of names — substitutions, template parameters — keep every name as a key of
// its own, "__proto__" included, as the vendor's Java maps do. Bodies go through JSON.parse, as a
// request's do: an object literal's "__proto__" would set the prototype instead of making a key.

const withProto = (json: string) => JSON.parse(json) as Record<string, unknown>

describe('ownKeysRecord', () => {
  const schema = ownKeysRecord(z.string())

  it('keeps "__proto__" as an own key beside the others, checked as they are', () => {
    const read = schema.parse(withProto('{"__proto__":"Ann","name":"Bo"}'))
    expect(Object.hasOwn(read, '__proto__')).toBe(true)
    expect(Object.getPrototypeOf(read)).toBe(Object.prototype)
    expect(Object.entries(read)).toEqual([
      ['name', 'Bo'],
      ['__proto__', 'Ann'],
    ])
    const refused = schema.safeParse(withProto('{"__proto__":{"x":1}}'))
    expect(refused.success).toBe(false)
    expect(refused.error?.issues[0]?.path).toEqual(['__proto__'])
  })

  it('reads other objects as a record does, and refuses what a record refuses', () => {
    expect(schema.parse({ a: 'b' })).toEqual({ a: 'b' })
    expect(schema.safeParse({ a: 1 }).error?.issues[0]?.path).toEqual(['a'])
    expect(schema.safeParse('text').success).toBe(false)
    expect(schema.safeParse(null).success).toBe(false)
  })
})

describe('a name "__proto__"', () => {
  it('is a WhatsApp sandbox template parameter, given as an object or as one-key objects', () => {
    const sandbox = (substitutions: string) =>
      v1FromSandbox(
        waSandboxSchema.parse(
          withProto(
            `{"from":"a_1","to":"+14155550100","contentType":"TEMPLATE","templateId":"t1","substitutions":${substitutions}}`,
          ),
        ),
      ).message?.parameters
    const asObject = sandbox('{"__proto__":"Ann","amt":"5"}')
    const asArray = sandbox('[{"__proto__":"Ann"},{"amt":"5"}]')
    for (const parameters of [asObject, asArray]) {
      expect(Object.hasOwn(parameters ?? {}, '__proto__')).toBe(true)
      expect(parameters).toMatchObject({ amt: '5' })
      expect((parameters as Record<string, unknown>).__proto__).toBe('Ann')
    }
  })

  it('is a WhatsApp v1 template parameter: a template that needs it is sent', () => {
    const { emulator } = createTestEmulator({
      whatsapp: { apps: ['a_1'], enforceWindow: false, templates: { odd: { parameters: ['__proto__'] } } },
    })
    const { message } = emulator.sendV1(
      withProto(
        '{"deliverychannel":"whatsapp","appid":"a_1","destination":[{"waid":["447700900001"]}],"message":{"template":"odd","parameters":{"__proto__":"x"}}}',
      ),
    )
    const fate = (message as unknown as { recipients: Array<{ fate: string }> }).recipients[0]!.fate
    expect(fate).not.toMatch(/7804|missing/)
  })

  it('survives an email’s state saved and loaded', () => {
    const { emulator } = createTestEmulator()
    const { messageId } = emulator.send(
      withProto(
        '{"channel":"email","from":"a@shop.test","to":[{"email":["ann@example.com"]}],"content":{"type":"text","subject":"s","text":"Hi $(__proto__)"},"substitutions":{"__proto__":"Ann"}}',
      ),
    )
    const { emulator: restored } = createTestEmulator()
    restored.importState(JSON.parse(JSON.stringify(emulator.exportState())))
    const content = (restored.message(messageId) as unknown as { content: { substitutions?: object } }).content
    expect(Object.hasOwn(content.substitutions ?? {}, '__proto__')).toBe(true)
  })
})
