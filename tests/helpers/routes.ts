import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export const routesDir = new URL('../../src/routes', import.meta.url).pathname;

const ROUTE_FILES = ['+page.server.ts', '+server.ts', '+page.svelte'] as const;
export type RouteFile = (typeof ROUTE_FILES)[number];

export interface RouteOnDisk {
	/** SvelteKit's route id: the folder under src/routes, groups included ('/(app)/admin'). */
	id: string;
	files: RouteFile[];
	dir: string;
}

/** Every route the app has, read from the file system, so a new route is always included. */
export function routesOnDisk(dir = routesDir): RouteOnDisk[] {
	const found: RouteOnDisk[] = [];
	const walk = (current: string) => {
		const entries = readdirSync(current, { withFileTypes: true });
		const files = ROUTE_FILES.filter((name) => entries.some((e) => e.isFile() && e.name === name));
		if (files.length) {
			const path = relative(dir, current).split(sep).join('/');
			found.push({ id: `/${path}`, files, dir: current });
		}
		for (const entry of entries) if (entry.isDirectory()) walk(join(current, entry.name));
	};
	walk(dir);
	return found.sort((a, b) => a.id.localeCompare(b.id));
}

/** A URL that reaches a route id: groups dropped, parameters given a plausible value. */
export function pathOf(routeId: string): string {
	const path = routeId
		.split('/')
		.filter((part) => !/^\(.*\)$/.test(part))
		.map((part) => part.replace(/^\[\[?\.{0,3}([^\]]+)\]\]?$/, '1'))
		.join('/');
	return path === '' ? '/' : path;
}
