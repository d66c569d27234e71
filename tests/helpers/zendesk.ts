import type { Directory, Person } from '../../src/lib/server/ingest/adapters/zendesk/directory';
import { User } from '../../src/lib/server/ingest/adapters/zendesk/schema';

/** A Zendesk user record, checked by the adapter's own schema, as the adapter's directory holds it. */
function person(raw: unknown): Person {
	const user = User.parse(raw);
	return {
		id: String(user.id),
		name: user.name ?? null,
		email: user.email ?? null,
		phone: user.phone ?? null,
		externalId: user.external_id == null ? null : String(user.external_id),
		role: user.role ?? null
	};
}

/** The users and groups a Zendesk export side-loads, for the mapping tests. */
export function directoryOf(
	users: unknown[] = [],
	groups: Array<[string, string]> = []
): Directory {
	return {
		users: new Map(users.map((raw) => person(raw)).map((p) => [p.id, p])),
		groups: new Map(groups)
	};
}
