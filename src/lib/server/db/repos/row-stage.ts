import { openScratchFile } from './scratch-file';

/**
 * A scratch table for importers that must join or regroup rows before they can build a
 * conversation: warehouse tables whose comments belong to tickets read from another file,
 * API pages whose side-loaded users arrive after the tickets, audits of one ticket spread
 * over a page. Rows go to a temporary SQLite file, not memory, so a multi-gigabyte export
 * is grouped with a bounded heap: SQLite sorts on disk, and only one group at a time is
 * handed back. The file is deleted on close.
 */

export interface StageRowInput {
	/** What the row is (ticket, comment, chat_event, …); groups are read back by kind. */
	kind: string;
	/** The conversation the row belongs to. */
	group: string;
	/** Rows of the same kind and entity are versions of one thing: only the latest is kept. */
	entity?: string;
	/** Orders versions: the highest wins, then the row added last. */
	version?: number | null;
	payload: string;
	/** A group key this row points to (a link row: chat → ticket), for relink(). */
	ref?: string | null;
}

export interface StagedRow {
	kind: string;
	entity: string;
	version: number | null;
	/** Insertion order, from 1. */
	seq: number;
	payload: string;
	ref: string | null;
}

export interface StagedGroup {
	group: string;
	/** The latest version of each entity, in the order the rows were added. */
	rows: StagedRow[];
	/** Rows read per kind, older versions included: every input row is accounted for. */
	counts: Map<string, number>;
}

export interface RowStage {
	/** The scratch folder, removed by close(). */
	readonly path: string;
	add(row: StageRowInput): void;
	/**
	 * Moves rows of `kind` onto the group their link rows point to: a row whose group is
	 * the group of a `linkKind` row takes that row's `ref` (the latest version's). Rows with
	 * no link keep their group. Returns how many rows moved.
	 */
	relink(kind: string, linkKind: string): number;
	/** The groups holding rows of these kinds, one at a time, in group order. */
	groups(kinds: readonly string[]): Generator<StagedGroup>;
	close(): void;
}

const COMMIT_EVERY = 5000;

export function openRowStage(): RowStage {
	const scratch = openScratchFile('stage', 16384);
	const { sqlite } = scratch;
	sqlite.exec(`CREATE TABLE rows (
		seq INTEGER PRIMARY KEY,
		kind TEXT NOT NULL,
		grp TEXT NOT NULL,
		entity TEXT,
		version REAL,
		payload TEXT NOT NULL,
		ref TEXT
	)`);
	const insert = sqlite.prepare(
		'INSERT INTO rows (kind, grp, entity, version, payload, ref) VALUES (?, ?, ?, ?, ?, ?)'
	);
	let pending = 0;
	let indexed = false;

	const commit = () => {
		if (sqlite.inTransaction) sqlite.exec('COMMIT');
		pending = 0;
	};
	const ensureIndex = () => {
		commit();
		if (indexed) return;
		sqlite.exec('CREATE INDEX rows_kind_grp ON rows (kind, grp, version, seq)');
		indexed = true;
	};

	return {
		path: scratch.dir,
		add(row) {
			if (!sqlite.inTransaction) sqlite.exec('BEGIN');
			insert.run(
				row.kind,
				row.group,
				row.entity ?? null,
				row.version ?? null,
				row.payload,
				row.ref ?? null
			);
			if (++pending >= COMMIT_EVERY) commit();
		},
		relink(kind, linkKind) {
			ensureIndex();
			const latestLink = `SELECT l.ref FROM rows l
				WHERE l.kind = @link AND l.grp = rows.grp AND l.ref IS NOT NULL
				ORDER BY l.version DESC NULLS LAST, l.seq DESC LIMIT 1`;
			return sqlite
				.prepare(
					`UPDATE rows SET grp = (${latestLink})
					 WHERE kind = @kind AND EXISTS (${latestLink})`
				)
				.run({ kind, link: linkKind }).changes;
		},
		*groups(kinds) {
			ensureIndex();
			if (kinds.length === 0) return;
			// Digit ids sort by length first, so ticket 99 comes before ticket 100.
			const statement = sqlite.prepare<unknown[], StagedRow & { grp: string }>(
				`SELECT grp, kind, COALESCE(entity, '#' || seq) AS entity, version, seq, payload, ref
				   FROM rows WHERE kind IN (${kinds.map(() => '?').join(', ')})
				  ORDER BY length(grp), grp, kind, entity, version DESC NULLS LAST, seq DESC`
			);
			let current: StagedGroup | null = null;
			let lastEntity = '';
			for (const row of statement.iterate(...kinds)) {
				if (current === null || current.group !== row.grp) {
					if (current) yield finish(current);
					current = { group: row.grp, rows: [], counts: new Map() };
					lastEntity = '';
				}
				current.counts.set(row.kind, (current.counts.get(row.kind) ?? 0) + 1);
				const entityKey = `${row.kind}\u0000${row.entity}`;
				if (entityKey === lastEntity) continue;
				lastEntity = entityKey;
				current.rows.push({
					kind: row.kind,
					entity: row.entity,
					version: row.version,
					seq: row.seq,
					payload: row.payload,
					ref: row.ref
				});
			}
			if (current) yield finish(current);
		},
		close: scratch.close
	};
}

function finish(group: StagedGroup): StagedGroup {
	group.rows.sort((a, b) => a.seq - b.seq);
	return group;
}
