import { describe, expect, it } from 'vitest';
import { databasePathFrom, DatabaseUrlError } from './database-url';

const DATA = '/srv/parity/data';

describe('which database file Parity opens', () => {
	it('opens data/parity.db when nothing names another', () => {
		expect(databasePathFrom({}, DATA)).toBe('/srv/parity/data/parity.db');
		expect(databasePathFrom({ DATABASE_URL: '  ' }, DATA)).toBe('/srv/parity/data/parity.db');
	});

	it('takes PARITY_DB first, whatever DATABASE_URL says', () => {
		expect(
			databasePathFrom({ PARITY_DB: '/var/lib/p.db', DATABASE_URL: 'postgres://db/parity' }, DATA)
		).toBe('/var/lib/p.db');
	});

	it('takes a DATABASE_URL that names an SQLite file, in the forms other tools write', () => {
		expect(databasePathFrom({ DATABASE_URL: 'file:/var/lib/parity.db' }, DATA)).toBe(
			'/var/lib/parity.db'
		);
		expect(databasePathFrom({ DATABASE_URL: 'sqlite:///var/lib/parity.db' }, DATA)).toBe(
			'/var/lib/parity.db'
		);
		expect(
			databasePathFrom({ DATABASE_URL: 'file:///var/lib/my%20data/p.db?mode=rwc' }, DATA)
		).toBe('/var/lib/my data/p.db');
		expect(databasePathFrom({ DATABASE_URL: 'file:./local.db' }, DATA)).toBe(
			`${process.cwd()}/local.db`
		);
		expect(databasePathFrom({ DATABASE_URL: '/var/lib/parity.db' }, DATA)).toBe(
			'/var/lib/parity.db'
		);
		expect(() => databasePathFrom({ DATABASE_URL: 'sqlite::memory:' }, DATA)).toThrow(
			/^DATABASE_URL=sqlite::memory: names no database file\. Unset DATABASE_URL/
		);
	});

	it('refuses a database it cannot use rather than writing somewhere nobody chose', () => {
		const refused = (url: string) => {
			try {
				databasePathFrom({ DATABASE_URL: url }, DATA);
			} catch (error) {
				expect(error).toBeInstanceOf(DatabaseUrlError);
				return (error as Error).message;
			}
			throw new Error(`${url} was accepted`);
		};
		expect(refused('postgres://parity:pw@db:5432/parity')).toMatch(
			/^DATABASE_URL asks for PostgreSQL, which this version of Parity cannot use: .* Unset DATABASE_URL \(PARITY_DB chooses the file, default data\/parity\.db\), or give it as file:\/path\/to\/parity\.db\.$/
		);
		expect(refused('postgresql://db/parity')).toContain('asks for PostgreSQL');
		expect(refused('mysql://db/parity')).toContain('asks for a mysql: database');
		// The password in a URL is not repeated back.
		expect(refused('postgres://parity:hunter2@db/parity')).not.toContain('hunter2');
	});
});
