import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { Role } from '../domain/access.ts'
import type { AuthService } from './auth.service.ts'
import type { ImportOutcome, ImportService } from './import.service.ts'

/** The demo plan: Trafford Council's Annual Delivery Plan 2013/14, as published at Quarter 2. */
export const DEMO_PLAN = 'Trafford ADP 2013/14'
export const DEMO_PERIOD = '2013/14 Q2'
const DEMO_DIR = fileURLToPath(new URL('../../demo/trafford-2013-14-q2/', import.meta.url))

/**
 * One demo sign-in per role. The passwords are public (they are printed and in the README), so these accounts are
 * only ever created in an empty database by the demo.
 */
export const DEMO_USERS: readonly {
  email: string
  name: string
  role: Role
  password: string
  owns: readonly string[]
}[] = [
  {
    email: 'admin@outturn.example',
    name: 'Demo administrator',
    role: 'admin',
    password: 'demo-admin-password',
    owns: [],
  },
  {
    email: 'officer@outturn.example',
    name: 'Demo performance officer',
    role: 'officer',
    password: 'demo-officer-password',
    owns: [],
  },
  {
    email: 'owner@outturn.example',
    name: 'Demo indicator owner',
    role: 'owner',
    password: 'demo-owner-password',
    owns: ['LCA 2', 'STP 13', 'NI 154'],
  },
  { email: 'viewer@outturn.example', name: 'Demo viewer', role: 'viewer', password: 'demo-viewer-password', owns: [] },
]

/** Loading the demo plan and its sign-ins. */
export function createDemoService(imports: ImportService, auth: AuthService) {
  async function loadPlan(
    actor: string,
    onProgress?: Parameters<ImportService['importPlan']>[0]['onProgress'],
  ): Promise<ImportOutcome> {
    const [indicators, observations] = await Promise.all([
      readFile(`${DEMO_DIR}indicators.csv`),
      readFile(`${DEMO_DIR}observations.csv`),
    ])
    return imports.importPlan({
      planName: DEMO_PLAN,
      indicatorsFile: { name: 'indicators.csv', content: indicators },
      observationsFile: { name: 'observations.csv', content: observations },
      actor,
      ...(onProgress ? { onProgress } : {}),
    })
  }

  /** Creates the demo users and their indicators, if no users exist yet. Returns the sign-ins created. */
  async function createUsers(): Promise<typeof DEMO_USERS> {
    if ((await auth.countUsers()) > 0) return []
    for (const user of DEMO_USERS) {
      await auth.addUser(user)
      for (const ref of user.owns) await auth.assign(user.email, ref, DEMO_PLAN)
    }
    return DEMO_USERS
  }

  return { loadPlan, createUsers }
}

export type DemoService = ReturnType<typeof createDemoService>
