import { openAppDatabase } from '../lib/server/app';
import { cliActor } from '../lib/server/audit';
import {
	AddAnnotationForm,
	addAnnotation,
	recentAnnotations,
	removeAnnotation
} from '../lib/server/dashboard/annotations';
import { fieldErrors } from '../lib/server/http/forms';
import { parseCommandArgs, UsageError } from './args';

export const summary = 'notes on the timeline: what changed on a day, marked on every trend chart';
export const usage = [
	'parity note add --day 2026-11-12 --text "Fin moved to the new model" [--source NAME]',
	'             parity note list [--weeks 13]   (the last weeks, newest last)',
	'             parity note remove ID'
].join('\n');

function add(argv: string[]): number {
	const { values } = parseCommandArgs(argv, {
		day: { type: 'string' },
		text: { type: 'string' },
		source: { type: 'string' }
	});
	const parsed = AddAnnotationForm.safeParse(values);
	if (!parsed.success) {
		const errors = fieldErrors(parsed.error);
		throw new UsageError(
			Object.entries(errors)
				.map(([field, message]) => `--${field}: ${message}`)
				.join('; ')
		);
	}
	const handle = openAppDatabase(undefined, { recoverImports: false });
	try {
		const added = addAnnotation(handle, cliActor(), parsed.data);
		if (!added.ok)
			throw new UsageError(
				Object.entries(added.errors)
					.map(([field, message]) => `--${field}: ${message}`)
					.join('; ')
			);
		console.log(added.value.message);
		return 0;
	} finally {
		handle.close();
	}
}

function list(argv: string[]): number {
	const { values } = parseCommandArgs(argv, { weeks: { type: 'string', default: '13' } });
	const weeks = Number(values.weeks);
	if (!Number.isInteger(weeks) || weeks < 1 || weeks > 520)
		throw new UsageError(`--weeks: a whole number of weeks from 1 to 520, not '${values.weeks}'`);
	const handle = openAppDatabase(undefined, { recoverImports: false });
	try {
		const notes = recentAnnotations(handle, weeks);
		if (notes.length === 0) console.log(`No notes in the last ${weeks} weeks.`);
		for (const note of notes) {
			const about = note.source ? ` [${note.source}]` : '';
			const by = note.author ? ` — ${note.author}` : '';
			console.log(`#${note.id}  ${note.day} (${note.week})  ${note.text}${about}${by}`);
		}
		return 0;
	} finally {
		handle.close();
	}
}

function remove(argv: string[]): number {
	const { positionals } = parseCommandArgs(argv, {});
	const id = Number(positionals[0]?.replace(/^#/, ''));
	if (positionals.length !== 1 || !Number.isInteger(id) || id < 1)
		throw new UsageError(
			`name the note to remove by its number (parity note list). Usage:\n  ${usage}`
		);
	const handle = openAppDatabase(undefined, { recoverImports: false });
	try {
		const removed = removeAnnotation(handle, cliActor(), { annotation: id });
		if (!removed.ok) throw new UsageError(`no note #${id}`);
		console.log(removed.value.message);
		return 0;
	} finally {
		handle.close();
	}
}

export async function run(argv: string[]): Promise<number> {
	const [sub, ...rest] = argv;
	if (sub === 'add') return add(rest);
	if (sub === 'list') return list(rest);
	if (sub === 'remove') return remove(rest);
	throw new UsageError(`unknown subcommand '${sub ?? ''}'. Usage:\n  ${usage}`);
}
