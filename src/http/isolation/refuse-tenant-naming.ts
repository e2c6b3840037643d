/**
 * @module An emulator without isolation refuses a control request that names a tenant: test
 * workers following the isolation recipe against it would share one state while believing they
 * were apart, the flakiness isolation exists to remove.
 */
import type { MiddlewareHandler } from 'hono'
import { EmulatorError } from '../../core/kernel/errors.js'
import { tenantHeader, tenantQuery } from './tenant-of-request.js'

export const refuseTenantNaming: MiddlewareHandler = async (c, next) => {
  const named = c.req.header(tenantHeader) !== undefined || c.req.query(tenantQuery) !== undefined
  if (named && c.req.path !== '/_emulator/health')
    throw new EmulatorError(
      'invalid_request',
      `This emulator keeps no tenants apart (isolation "none"), so "${tenantHeader}" and ?${tenantQuery}= mean nothing here and every caller shares one state. Start it with "isolation": "service" in its config, or drop the tenant`,
      'tenant',
    )
  return next()
}
