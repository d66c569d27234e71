import { sveltekit } from '@sveltejs/kit/vite';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { port: 5173 },
	test: {
		// Code must never depend on the machine's zone: pin one that is neither UTC nor the
		// organisation default, so an accidental local-time call shows up as a wrong week.
		env: { TZ: 'America/Los_Angeles' },
		// vitest's default is one worker fewer than the cores: one on a two-core machine, where
		// the unit files then run one at a time while many of them wait on child processes
		// (the CLI, concurrent imports). Two cut the unit project from 322 s to 227 s here.
		maxWorkers: Math.max(2, availableParallelism() - 1),
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					environment: 'node',
					include: ['src/**/*.test.ts', 'tests/integration/**/*.test.ts'],
					testTimeout: 30_000
				}
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					environment: 'node',
					include: ['tests/e2e/**/*.e2e.ts'],
					globalSetup: ['tests/e2e/global-setup.ts'],
					testTimeout: 60_000,
					hookTimeout: 180_000,
					fileParallelism: false
				}
			}
		]
	}
});
