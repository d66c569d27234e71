import { z } from 'zod';
import { ADAPTERS } from './adapters';
import { findAdapter, unknownFormatMessage } from './detect';

/**
 * A format name in a request (an upload's `format`), checked before the file is stored and
 * read, and given as the adapter spells it: the import child refuses any other name.
 */
export const FormatName = z
	.string()
	.trim()
	.min(1)
	.max(40)
	.transform((name, context) => {
		const adapter = findAdapter(ADAPTERS, name);
		if (adapter) return adapter.name;
		context.issues.push({
			code: 'custom',
			message: unknownFormatMessage(ADAPTERS, name),
			input: name
		});
		return z.NEVER;
	});
