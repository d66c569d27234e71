import { z } from 'zod';

/**
 * Who may do what. Each role includes everything the roles before it may do:
 * viewer — dashboards and transcripts; analyst — also imports, taxonomy, bot rules;
 * admin — also users, alert rules, API tokens, erasure and settings.
 */
export const ROLES = ['viewer', 'analyst', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

const RANK: Record<Role, number> = { viewer: 0, analyst: 1, admin: 2 };

/** Whether someone with `role` may do what `required` allows. */
export function roleAllows(role: Role, required: Role): boolean {
	return RANK[role] >= RANK[required];
}

export const ROLE_LABELS: Record<Role, string> = {
	viewer: 'Viewer',
	analyst: 'Analyst',
	admin: 'Admin'
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
	viewer: 'dashboards and transcripts',
	analyst: 'also imports, topic taxonomy and bot rules',
	admin: 'also users, alert rules, API tokens, erasure and settings'
};

/** Scopes an API token can carry; each endpoint that accepts tokens names the one it needs. */
export const TOKEN_SCOPES = ['ingest', 'notes', 'report'] as const;
export const TokenScope = z.enum(TOKEN_SCOPES);
export type TokenScope = z.infer<typeof TokenScope>;
