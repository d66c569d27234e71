import type { Role } from '../../src/lib/domain/roles';

/** The accounts the browser tests sign in with, created before the server starts. */
export const ACCOUNTS: Record<Role, { email: string; password: string; name: string }> = {
	admin: { email: 'admin@parity.test', password: 'admin password for tests', name: 'Ada Admin' },
	analyst: {
		email: 'analyst@parity.test',
		password: 'analyst password for tests',
		name: 'Ann Analyst'
	},
	viewer: { email: 'viewer@parity.test', password: 'viewer password for tests', name: 'Vic Viewer' }
};
