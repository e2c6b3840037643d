/**
 * @module The OpenAPI document of an isolated emulator: the single emulator's document (built from
 * the same route definitions), with the tenant named on every control route and the routes that
 * list and remove tenants.
 */
import { tenantHeader, tenantQuery } from './tenant-of-request.js'

/** Control routes that belong to no tenant. */
const untenanted = new Set(['/_emulator/', '/_emulator/health', '/_emulator/openapi.json'])

const tenantParameters = [
  { $ref: '#/components/parameters/tenantHeader' },
  { $ref: '#/components/parameters/tenantQuery' },
]

const tenantRoutes = {
  '/_emulator/tenants': {
    get: {
      tags: ['control'],
      summary: 'The tenants alive (isolation "service"), least recently used first, and how many were evicted',
      operationId: 'getEmulatorTenants',
      responses: {
        200: {
          description:
            '{ isolation, maxTenants, evicted, tenants: [{ name, createdAt, lastUsedAt, messages, pendingTimers, inFlight }] }',
        },
      },
    },
  },
  '/_emulator/tenants/{name}': {
    delete: {
      tags: ['control'],
      summary: 'Close a tenant and forget everything it held',
      operationId: 'deleteEmulatorTenantsName',
      parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string' } }],
      responses: { 204: { description: 'Removed' }, 404: { description: 'No such tenant alive' } },
    },
  },
}

type Operation = { parameters?: unknown[] }
type Document = {
  info: { description?: string }
  components?: Record<string, unknown>
  paths: Record<string, Record<string, Operation>>
}

/** Adds isolation to a single emulator's OpenAPI document (a copy; the input is not changed). */
export function documentIsolation(input: Record<string, unknown>): Record<string, unknown> {
  const doc = structuredClone(input) as unknown as Document
  doc.info.description = `${doc.info.description ?? ''} This emulator isolates services (isolation "service"): every control route except health and this document names its tenant with an "${tenantHeader}" header or ?${tenantQuery}=.`
  doc.components = {
    ...doc.components,
    parameters: {
      tenantHeader: {
        name: tenantHeader,
        in: 'header',
        required: false,
        description: 'The tenant: the key your app sends, or a configured service id. This or ?tenant= is required.',
        schema: { type: 'string', minLength: 1 },
      },
      tenantQuery: {
        name: tenantQuery,
        in: 'query',
        required: false,
        description: `The tenant, where a header cannot be set (the console, EventSource); the same as "${tenantHeader}".`,
        schema: { type: 'string', minLength: 1 },
      },
    },
  }
  for (const [path, operations] of Object.entries(doc.paths)) {
    if ((path !== '/_emulator' && !path.startsWith('/_emulator/')) || untenanted.has(path)) continue
    for (const operation of Object.values(operations))
      operation.parameters = [...(operation.parameters ?? []), ...tenantParameters]
  }
  Object.assign(doc.paths, tenantRoutes)
  return doc as unknown as Record<string, unknown>
}
