import type { OpenedInput } from './input';
import type { Adapter } from './types';

export class UnknownFormatError extends Error {}

const THRESHOLD = 0.5;

export function describeFormats(adapters: readonly Adapter[]): string {
	return adapters.map((adapter) => `${adapter.name} (${adapter.description})`).join('; ');
}

/**
 * Which adapter reads a file: the one named by --format, else the most confident of the
 * adapters that look at its first bytes, if any is sure enough.
 */
export function detectFormat(
	adapters: readonly Adapter[],
	input: Pick<OpenedInput, 'fileName' | 'sample'>,
	format?: string
): { adapter: Adapter; confidence: number; reason: string } {
	if (format) {
		const adapter = adapters.find((candidate) => candidate.name === format);
		if (!adapter) {
			throw new UnknownFormatError(
				`unknown format '${format}'. Parity knows: ${adapters.map((a) => a.name).join(', ')}`
			);
		}
		return { adapter, confidence: 1, reason: `--format ${format}` };
	}
	const ranked = adapters
		.map((adapter) => ({ adapter, ...adapter.detect(input) }))
		.sort((a, b) => b.confidence - a.confidence);
	const best = ranked[0];
	if (!best || best.confidence < THRESHOLD) {
		const guess =
			best && best.confidence > 0 ? ` (closest: ${best.adapter.name}, ${best.reason})` : '';
		throw new UnknownFormatError(
			`${input.fileName}: not a format Parity recognises${guess}. ` +
				`Formats Parity knows: ${describeFormats(adapters)}. Choose one with --format NAME.`
		);
	}
	return {
		adapter: best.adapter,
		confidence: best.confidence,
		reason: `${best.reason} (confidence ${best.confidence.toFixed(2)})`
	};
}
